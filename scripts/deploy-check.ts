// npm run deploy:check: proves docs/deployment.md's no-container layout on this machine. Two
// `npm start` instances (ports 3181, 3182) behind nginx (3180) with the repository's own site file
// (deploy/nginx/clip-arena.conf), on PostgreSQL (a fresh database, dropped at the end), Redis and a
// local S3-compatible server (s3rver, port 3183). It checks that one voter is served alternately by
// both instances, that an operator's import on one is seen by the other, and that a release frozen
// on one downloads from the other with the manifest's SHA-256 sums; prints each result and exits 1
// if any failed. Needs a production build (npm run build), nginx and ffmpeg. Stops everything it
// started, whatever happens.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import S3rver from "s3rver";

const PORTS = { nginx: 3180, a: 3181, b: 3182, s3: 3183 };
const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const root = path.resolve(import.meta.dirname, "..");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "clip-arena-deploy-"));
const children: ChildProcess[] = [];
const results: { check: string; ok: boolean; detail: string }[] = [];

function record(check: string, ok: boolean, detail: string): void {
  results.push({ check, ok, detail });
  console.log(`${ok ? "ok  " : "FAIL"}  ${check}: ${detail}`);
}

function start(name: string, command: string, args: string[], env: Record<string, string>): ChildProcess {
  const log = fs.openSync(path.join(work, `${name}.log`), "a");
  const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", log, log] });
  children.push(child);
  return child;
}

async function waitFor(url: string, what: string, child?: ChildProcess): Promise<void> {
  // Generous: on a loaded 2-core machine Next.js takes a while to start.
  const deadline = Date.now() + 10 * 60_000;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode} (log in ${work})`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${what} did not answer ${url} within 10 minutes (log in ${work})`);
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const cookiesOf = (response: Response) => response.headers.getSetCookie().map((c) => c.split(";")[0]!);

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(root, ".next", "serve.mjs")))
    throw new Error("no production build: run `npm run build` first");
  const database = `clip_arena_deploy_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const databaseUrl = Object.assign(new URL(ADMIN_URL), { pathname: `/${database}` }).toString();

  const s3 = new S3rver({
    address: "127.0.0.1",
    port: PORTS.s3,
    silent: true,
    directory: path.join(work, "s3"),
    configureBuckets: [{ name: "clip-arena", configs: [] }],
  });
  try {
    await s3.run();
    const importDir = path.join(work, "import");
    const env: Record<string, string> = {
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      SESSION_SECRET: randomBytes(32).toString("hex"),
      REDIS_URL,
      STORAGE_DRIVER: "s3",
      S3_ENDPOINT: `http://127.0.0.1:${PORTS.s3}`,
      S3_BUCKET: "clip-arena",
      S3_ACCESS_KEY_ID: "S3RVER",
      S3_SECRET_ACCESS_KEY: "S3RVER",
      TRUSTED_PROXIES: "127.0.0.1/32,::1/128",
      PUBLIC_URL: `http://127.0.0.1:${PORTS.nginx}`,
      IMPORT_DIR: importDir,
      BT_BOOTSTRAP_ROUNDS: "50",
    };
    console.log(`deploy-check: database ${database}, S3 on ${PORTS.s3}, work folder ${work}`);

    // The first instance migrates and seeds the demo; the second starts on the ready database.
    const a = start("instance-a", "node", [".next/serve.mjs"], { ...env, PORT: String(PORTS.a) });
    await waitFor(`http://127.0.0.1:${PORTS.a}/api/health`, "instance A", a);
    const b = start("instance-b", "node", [".next/serve.mjs"], { ...env, PORT: String(PORTS.b) });
    await waitFor(`http://127.0.0.1:${PORTS.b}/api/health`, "instance B", b);

    // nginx with the repository's site file, its ports changed to these.
    const site = fs
      .readFileSync(path.join(root, "deploy/nginx/clip-arena.conf"), "utf8")
      .replace("server 127.0.0.1:3001;", `server 127.0.0.1:${PORTS.a};`)
      .replace("server 127.0.0.1:3002;", `server 127.0.0.1:${PORTS.b};`)
      .replace("listen 80;", `listen 127.0.0.1:${PORTS.nginx};`)
      .replace("listen [::]:80;", "");
    fs.writeFileSync(path.join(work, "site.conf"), site);
    for (const dir of ["body", "proxy", "fastcgi", "uwsgi", "scgi"])
      fs.mkdirSync(path.join(work, dir), { mode: 0o777 });
    fs.writeFileSync(
      path.join(work, "nginx.conf"),
      `daemon off;\npid ${work}/nginx.pid;\nerror_log ${work}/nginx-error.log;\nevents {}\nhttp {\n  access_log ${work}/nginx-access.log;\n` +
        ["body", "proxy", "fastcgi", "uwsgi", "scgi"]
          .map((d) => `  ${d === "body" ? "client_body" : d}_temp_path ${work}/${d};\n`)
          .join("") +
        `  include ${work}/site.conf;\n}\n`,
    );
    const nginx = start(
      "nginx",
      "nginx",
      ["-p", work, "-c", path.join(work, "nginx.conf"), "-e", path.join(work, "nginx-error.log")],
      {},
    );
    const front = `http://127.0.0.1:${PORTS.nginx}`;
    await waitFor(`${front}/api/health`, "nginx", nginx);

    await checkVoter(front);

    // An operator (created as the README says) signs in on instance A and imports there.
    const email = "deploy-check@example.org";
    const password = randomBytes(12).toString("hex");
    execFileSync("npx", ["tsx", "scripts/admin-create.ts", email], {
      cwd: root,
      input: `${password}\n`,
      env: { ...process.env, ...env },
      stdio: ["pipe", "ignore", "inherit"],
    });
    const operator = await signIn(`http://127.0.0.1:${PORTS.a}`, email, password);
    await checkImport(`http://127.0.0.1:${PORTS.a}`, `http://127.0.0.1:${PORTS.b}`, operator, importDir);
    await checkRelease(`http://127.0.0.1:${PORTS.a}`, `http://127.0.0.1:${PORTS.b}`, front, operator);
  } finally {
    for (const child of children.reverse()) if (child.exitCode === null) child.kill("SIGTERM");
    await Promise.all(
      children.map((child) =>
        child.exitCode === null ? new Promise((resolve) => child.once("exit", resolve)) : Promise.resolve(),
      ),
    );
    await s3.close().catch(() => {});
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => {});
    await admin.end();
  }
}

/** One voter (one cookie) through nginx: battles and votes answered alternately by both instances. */
async function checkVoter(front: string): Promise<void> {
  let cookie = "";
  const answeredBy: string[] = [];
  let votes = 0;
  let ranges = 0;
  for (let i = 0; i < 4; i += 1) {
    const battle = await fetch(`${front}/api/battles`, {
      method: "POST",
      headers: { "Content-Type": "application/json", cookie },
      body: "{}",
    });
    cookie = cookiesOf(battle).find((c) => c.length > 0) ?? cookie;
    answeredBy.push(battle.headers.get("x-upstream") ?? "?");
    const { battleId, left } = (await battle.json()) as { battleId: string; left: { clipUrl: string } };
    // The clip itself, a Range request streamed from the S3 bucket by whichever instance answers.
    const media = await fetch(new URL(left.clipUrl, front), { headers: { cookie, Range: "bytes=0-99" } });
    answeredBy.push(media.headers.get("x-upstream") ?? "?");
    if (media.status === 206) ranges += 1;
    const vote = await fetch(`${front}/api/battles/${battleId}/vote`, {
      method: "POST",
      headers: { "Content-Type": "application/json", cookie },
      body: JSON.stringify({ outcome: i % 2 === 0 ? "left" : "right" }),
    });
    answeredBy.push(vote.headers.get("x-upstream") ?? "?");
    if (vote.ok) votes += 1;
  }
  const instances = new Set(answeredBy);
  record(
    "one voter served alternately by both instances",
    votes === 4 && ranges === 4 && instances.size === 2,
    `${votes}/4 votes accepted, ${ranges}/4 clip Range requests answered 206; requests answered by ${answeredBy.join(" ")}`,
  );
}

interface Operator {
  cookie: string;
  csrf: string;
}

/** Signs in through next-auth's credentials form as a browser would; the console's CSRF token from /admin. */
async function signIn(base: string, email: string, password: string): Promise<Operator> {
  const csrfResponse = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const jar = cookiesOf(csrfResponse);
  const callback = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  const cookie = [...jar, ...cookiesOf(callback)].join("; ");
  const page = await (await fetch(`${base}/admin`, { headers: { cookie } })).text();
  const csrf = /csrfToken\\?"\s*:\s*\\?"([A-Za-z0-9_-]{20,})/.exec(page)?.[1];
  if (!csrf) throw new Error(`signing in on ${base} failed (callback ${callback.status}; no console CSRF token)`);
  return { cookie, csrf };
}

/** An import uploaded on /admin/import of instance A, then read on instance B. */
async function checkImport(a: string, b: string, operator: Operator, importDir: string): Promise<void> {
  fs.mkdirSync(path.join(importDir, "clips"), { recursive: true });
  const demo = fs.readdirSync(path.join(root, "media/demo/clips")).find((name) => name.endsWith(".mp4"));
  if (!demo) throw new Error("no demo clip to import");
  fs.copyFileSync(path.join(root, "media/demo/clips", demo), path.join(importDir, "clips/one.mp4"));
  const manifest = {
    models: [
      {
        slug: "deploy-check",
        name: "Deploy Check",
        organisation: "Clip Arena",
        version: "1",
        releaseDate: "2026-01-01",
      },
    ],
    categories: [{ slug: "deploy", nameZh: "部署", nameEn: "Deploy" }],
    prompts: [
      { key: "deploy-check", textEn: "A ball rolls across a table.", mode: "text_to_video", categories: ["deploy"] },
    ],
    clips: [
      { prompt: "deploy-check", model: "deploy-check", file: "clips/one.mp4", promptLang: "en", firstTake: true },
    ],
  };
  const form = new FormData();
  form.set("manifest", new Blob([JSON.stringify(manifest)], { type: "application/json" }), "manifest.json");
  const imported = await fetch(`${a}/api/admin/import`, {
    method: "POST",
    headers: { cookie: operator.cookie, "x-csrf-token": operator.csrf },
    body: form,
  });
  const seen = await fetch(`${b}/api/models/deploy-check`);
  const model = seen.ok ? ((await seen.json()) as { name?: string; model?: { name?: string } }) : null;
  record(
    "an operator's import on instance A is seen on instance B",
    imported.status === 200 && seen.status === 200,
    `import on A: HTTP ${imported.status}; GET /api/models/deploy-check on B: HTTP ${seen.status} (${model?.model?.name ?? model?.name ?? "?"})`,
  );
}

/** A release frozen on instance A, downloaded from B and through nginx, checked against its SHA-256 sums. */
async function checkRelease(a: string, b: string, front: string, operator: Operator): Promise<void> {
  const frozen = await fetch(`${a}/api/admin/releases`, {
    method: "POST",
    headers: { cookie: operator.cookie, "x-csrf-token": operator.csrf, "Content-Type": "application/json" },
    body: "{}",
  });
  const manifest = frozen.ok
    ? ((await frozen.json()) as { release: number; files: { name: string; sha256: string }[] })
    : null;
  if (!manifest) {
    record("a release frozen on A downloads from B with the same SHA-256", false, `freeze on A: HTTP ${frozen.status}`);
    return;
  }
  const lines: string[] = [];
  let ok = true;
  for (const file of manifest.files) {
    for (const [name, base] of [
      ["B", b],
      ["nginx", front],
    ] as const) {
      const response = await fetch(`${base}/api/releases/v${manifest.release}/${file.name}`);
      const sum = sha256(new Uint8Array(await response.arrayBuffer()));
      ok &&= response.ok && sum === file.sha256;
      lines.push(
        `${file.name} from ${name}: ${sum === file.sha256 ? "sha256 matches" : `HTTP ${response.status}, sha256 ${sum.slice(0, 12)}…`}`,
      );
    }
  }
  const fromB = (await (await fetch(`${b}/api/releases/v${manifest.release}/manifest.json`)).json()) as {
    release: number;
  };
  ok &&= fromB.release === manifest.release;
  record(`release v${manifest.release} frozen on A downloads from B with the same SHA-256`, ok, lines.join("; "));
}

main()
  .catch((error: unknown) =>
    record("deploy-check ran to the end", false, error instanceof Error ? error.message : String(error)),
  )
  .finally(() => {
    const failed = results.filter((r) => !r.ok).length;
    console.log(`${results.length - failed} passed, ${failed} failed`);
    if (failed === 0) fs.rmSync(work, { recursive: true, force: true });
    process.exit(failed === 0 ? 0 : 1);
  });
