// npm run bench:request-path: what one request costs the server, in CPU milliseconds, beside
// requests per second, for health, a battle, a vote, GET /api/leaderboard and the two public
// pages, against a bare Node server in the same run. The production build on a scratch SQLite
// database with 5,000 counted votes and a published snapshot, 64 voters each from an address of its
// own (X-Forwarded-For through a trusted hop). Needs `npm run build` first.
//
// CPU is the server process's user + system time from /proc/<pid>/stat (every thread, the worker
// threads included) over a round, divided by the round's requests. Median of 3 rounds after a
// warm-up round. Ports: BENCH_PORT (default 3540), the next one for the bare server, and the ones
// after for the servers under test. BENCH_SERVE=`before=.next/serve-before.mjs,after=.next/serve.mjs`
// runs an A/B: each build on its own copy of the database, rounds interleaved.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDb } from "../../lib/db/client";
import { insertCountedVotes } from "./counted-votes";
import { median, request, runLoad } from "./load";
import { startServer } from "./server";

const ROUNDS = 3;
const CONCURRENCY = 16;
const PORT = Number(process.env.BENCH_PORT ?? 3540);
const CLOCK_TICKS_PER_S = 100;
const OUTCOMES = ["left", "right", "tie", "both_bad"] as const;

/** User + system CPU of a process so far, in milliseconds (Linux /proc; clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name (which may hold spaces) start at its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_S;
}

interface Round {
  perSecond: number;
  cpuMsPerRequest: number;
  p50Ms: number;
  bytes: number;
  errors: number;
}

async function measure(pid: number, total: number, task: (i: number) => Promise<boolean>): Promise<Round> {
  const cpu0 = cpuMs(pid);
  const figures = await runLoad(total, CONCURRENCY, task);
  return {
    perSecond: figures.perSecond,
    cpuMsPerRequest: (cpuMs(pid) - cpu0) / total,
    p50Ms: figures.p50Ms,
    bytes: 0,
    errors: figures.errors,
  };
}

function report(label: string, rounds: Round[], each: number): void {
  const m = (pick: (r: Round) => number) => median(rounds.map(pick));
  const bytes = m((r) => r.bytes);
  console.log(
    `${label.padEnd(38)} ${m((r) => r.perSecond)
      .toFixed(0)
      .padStart(6)}/s  CPU ${m((r) => r.cpuMsPerRequest)
      .toFixed(3)
      .padStart(7)} ms/req  p50 ${m((r) => r.p50Ms).toFixed(1)} ms${
      bytes ? `  ${(bytes / 1024).toFixed(1)} KB` : ""
    }  errors ${rounds.reduce((n, r) => n + r.errors, 0)}  (median of ${rounds.length} × ${each})`,
  );
}

/** A Node server that answers every request with a small JSON body: the floor for any route. */
async function startBareServer(port: number): Promise<{ pid: number; stop: () => void }> {
  const source = `require("node:http").createServer((q, s) => { s.writeHead(200, { "content-type": "application/json" }); s.end('{"status":"ok"}'); }).listen(${port});`;
  const child = spawn(process.execPath, ["-e", source], { stdio: "ignore" });
  for (let tries = 0; tries < 100; tries += 1) {
    try {
      if ((await request(`http://127.0.0.1:${port}/`, "GET")).status === 200) break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return { pid: child.pid!, stop: () => child.kill() };
}

/** A server under test: `label=script` pairs from BENCH_SERVE (an A/B run), else this build. */
interface Variant {
  label: string;
  script: string;
}

function variants(): Variant[] {
  const given = process.env.BENCH_SERVE;
  if (!given) return [{ label: "", script: path.join(".next", "serve.mjs") }];
  return given.split(",").map((pair) => {
    const [label, script] = pair.split("=");
    if (!label || !script) throw new Error(`BENCH_SERVE: "${pair}" is not label=script`);
    return { label, script };
  });
}

/** The routes measured; BENCH_ROUTES (e.g. `health,battle`) keeps some, for a profile of one path. */
const ROUTES = new Set((process.env.BENCH_ROUTES ?? "bare,health,battle,vote,leaderboard,pages").split(","));

/** A started server under test, its voters and where it runs. */
interface Target {
  label: string;
  pid: number;
  baseUrl: string;
  voters: { cookie: string; "x-forwarded-for": string }[];
  stop: () => Promise<void>;
}

/**
 * Starts one variant on its own copy of the seeded database and waits for its first snapshot.
 * BENCH_CPU_PROF=<dir> writes a V8 CPU profile there when it stops (analyse the self time with
 * `npx tsx scripts/bench/cpu-profile-summary.ts <file>`).
 */
async function startTarget(
  variant: Variant,
  port: number,
  seeded: string,
  env: Record<string, string>,
): Promise<Target> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clip-arena-bench-path-"));
  fs.copyFileSync(seeded, path.join(dir, "bench.db"));
  const profileDir = process.env.BENCH_CPU_PROF;
  const server = await startServer(
    port,
    { ...env, DATABASE_URL: `file:${path.join(dir, "bench.db")}` },
    { script: variant.script, nodeArgs: profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [] },
  );
  for (let tries = 0; tries < 120; tries += 1) {
    const board = JSON.parse((await request(`${server.baseUrl}/api/leaderboard`, "GET")).body) as { votes: number };
    if (board.votes >= 5000) break;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  const voters: Target["voters"] = [];
  for (let i = 0; i < 64; i += 1) {
    const address = `198.51.100.${i + 1}`;
    const response = await request(`${server.baseUrl}/api/battles`, "POST", "{}", { "x-forwarded-for": address });
    voters.push({
      cookie: String(response.headers["set-cookie"]?.[0]).split(";")[0] ?? "",
      "x-forwarded-for": address,
    });
  }
  return {
    label: variant.label,
    pid: server.process.pid!,
    baseUrl: server.baseUrl,
    voters,
    stop: async () => {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clip-arena-bench-path-"));
  const seeded = path.join(dir, "bench.db");
  const env = {
    DATABASE_URL: `file:${seeded}`,
    MEDIA_DIR: path.join(dir, "media"),
    RATE_LIMIT_VOTER_PER_MINUTE: "1000000",
    RATE_LIMIT_ADDRESS_PER_MINUTE: "1000000",
    // One recompute at start (there is no snapshot), none while the rounds run.
    RECOMPUTE_AFTER_VOTES: "1000000",
    RECOMPUTE_AFTER_SECONDS: "86400",
    RECOMPUTE_CHECK_SECONDS: "1",
    // Each voter comes from an address of its own (X-Forwarded-For through a trusted hop), as
    // voters on the internet do; one address for all would make every voter share one reveal history.
    TRUSTED_PROXIES: "127.0.0.1",
  };
  // A first start migrates and seeds the demo; the votes go in while no server runs. Each variant
  // then serves a copy of this database.
  await (await startServer(PORT, env)).stop();
  const db = createDb(env.DATABASE_URL);
  await insertCountedVotes(db, 5000);
  await db.ratingSnapshot.deleteMany();
  await db.$disconnect();
  const loadBefore = os.loadavg();
  const targets: Target[] = [];
  const bare = await startBareServer(PORT + 1);
  try {
    for (const [i, variant] of variants().entries())
      targets.push(await startTarget(variant, PORT + 2 + i, seeded, env));
    const get =
      (url: string, headers: Record<string, string> = {}) =>
      async () =>
        (await request(url, "GET", undefined, headers)).status === 200;
    const pageBytes = async (url: string) =>
      Buffer.byteLength((await request(url, "GET", undefined, { cookie: "lang=en" })).body);

    const rows: { label: string; each: number; rounds: Round[] }[] = [];
    const run = async (
      label: string,
      each: number,
      round: number,
      pid: number,
      task: (i: number) => Promise<boolean>,
    ) => {
      const figures = await measure(pid, each, task);
      console.log(
        `  round ${round}: ${label} ${figures.perSecond.toFixed(0)}/s, ${figures.cpuMsPerRequest.toFixed(3)} ms CPU per request`,
      );
      if (round === 0) return;
      let row = rows.find((r) => r.label === label);
      if (!row) rows.push((row = { label, each, rounds: [] }));
      row.rounds.push(figures);
      return figures;
    };
    // Rounds interleave the variants, so a change in the machine's load falls on all of them.
    for (let round = 0; round <= ROUNDS; round += 1) {
      if (ROUTES.has("bare"))
        await run("bare Node server", 3000, round, bare.pid, get(`http://127.0.0.1:${PORT + 1}/`));
      for (const { label: variant, pid, baseUrl, voters } of targets) {
        const label = (route: string) => (variant ? `${variant}: ${route}` : route);
        if (ROUTES.has("health")) await run(label("GET /api/health"), 1500, round, pid, get(`${baseUrl}/api/health`));
        const battles: { id: string; voter: (typeof voters)[number] }[] = [];
        if (ROUTES.has("battle") || ROUTES.has("vote"))
          await run(label("POST /api/battles"), 1000, round, pid, async (i) => {
            const voter = voters[i % voters.length]!;
            const response = await request(`${baseUrl}/api/battles`, "POST", "{}", voter);
            if (response.status !== 201) return false;
            battles[i] = { id: (JSON.parse(response.body) as { battleId: string }).battleId, voter };
            return true;
          });
        if (ROUTES.has("vote"))
          await run(label("POST …/vote"), 1000, round, pid, async (i) => {
            const battle = battles[i];
            if (!battle) return false;
            const body = JSON.stringify({ outcome: OUTCOMES[i % 4] });
            const response = await request(`${baseUrl}/api/battles/${battle.id}/vote`, "POST", body, battle.voter);
            return response.status === 201;
          });
        if (ROUTES.has("leaderboard"))
          await run(label("GET /api/leaderboard"), 1500, round, pid, get(`${baseUrl}/api/leaderboard`));
        if (ROUTES.has("pages"))
          for (const page of ["/", "/leaderboard"]) {
            const figures = await run(
              label(`GET ${page} (page, en)`),
              200,
              round,
              pid,
              get(`${baseUrl}${page}`, { cookie: "lang=en" }),
            );
            if (figures) figures.bytes = await pageBytes(`${baseUrl}${page}`);
          }
      }
    }
    console.log(`load average before: ${loadBefore.map((l) => l.toFixed(2)).join(" ")}  (${os.cpus().length} cores)`);
    for (const row of rows) report(row.label, row.rounds, row.each);
    console.log(
      `load average after:  ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}`,
    );
  } finally {
    bare.stop();
    for (const target of targets) await target.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
