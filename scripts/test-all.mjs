// npm test: every part of the suite (lint, types, formatting, build, then vitest and Playwright side
// by side, each line of theirs prefixed with its suite's name).
// Each part runs even when an earlier one failed; the failures are listed together at the end and
// the exit code is 1 if any part failed. The build is skipped when .next holds a build of this
// very commit made from a clean tree. The browser suite's port (E2E_PORT, default 3100) is checked
// first: a busy port is said at the start. Without ffmpeg the media tests skip (one line each)
// unless CI=true, where that is a failure. Plain Node (no tsx), so it runs before anything is built.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";

const root = path.resolve(import.meta.dirname, "..");
const CI = process.env.CI === "true";
const BUILD_STAMP = path.join(root, ".next", "clip-arena-build-commit");
const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), "clip-arena-test-"));

/** The commit of a clean working tree, or null (uncommitted changes, or no git). */
function cleanCommit() {
  const head = spawnSync("git", ["rev-parse", "HEAD"], { cwd: root, encoding: "utf8" });
  const status = spawnSync("git", ["status", "--porcelain"], { cwd: root, encoding: "utf8" });
  if (head.status !== 0 || status.status !== 0 || status.stdout.trim() !== "") return null;
  return head.stdout.trim();
}

/** Whether something already listens on 127.0.0.1:port. */
function portBusy(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(true));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(false)));
  });
}

/** Runs a command to its exit code; with a `label`, each line it prints is prefixed "[label] ". */
function run(command, args, env = {}, label = null) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: root,
      stdio: label ? ["ignore", "pipe", "pipe"] : "inherit",
      env: { ...process.env, ...env },
    });
    if (label)
      for (const [stream, out] of [
        [child.stdout, process.stdout],
        [child.stderr, process.stderr],
      ])
        readline.createInterface({ input: stream }).on("line", (line) => out.write(`[${label}] ${line}\n`));
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
    child.on("error", () => resolve(127));
  });
}

/** The first line of an error message, trimmed, so a summary line stays one line. */
const firstLine = (text) =>
  String(text ?? "")
    .replace(/\u001b\[[0-9;]*m/g, "")
    .trim()
    .split("\n")[0]
    .slice(0, 200);

/** Failed tests of a vitest JSON report: "file › test name: first line of the error". */
function vitestFailures(report) {
  return (report?.testResults ?? []).flatMap((file) => {
    const name = path.relative(root, file.name);
    const failed = (file.assertionResults ?? []).filter((t) => t.status === "failed");
    // A file that failed before any test ran (an import error) has no failed test to name.
    if (failed.length === 0 && file.status === "failed") return [`${name}: ${firstLine(file.message)}`];
    return failed.map((t) => `${name} › ${t.fullName}: ${firstLine(t.failureMessages?.[0])}`);
  });
}

/** Failed tests of a Playwright JSON report, the same way. */
function playwrightFailures(report) {
  const out = [];
  const walk = (suite, parents) => {
    // A file's own suite is titled by its path; the describe blocks under it name the test.
    const titles = suite.title && suite.title !== suite.file ? [...parents, suite.title] : parents;
    for (const spec of suite.specs ?? [])
      for (const test of spec.tests ?? [])
        if (test.status === "unexpected")
          out.push(
            `${spec.file} › ${[...titles, spec.title].join(" › ")} [${test.projectName}]: ${firstLine(test.results?.at(-1)?.error?.message)}`,
          );
    for (const child of suite.suites ?? []) walk(child, titles);
  };
  for (const suite of report?.suites ?? []) walk(suite, []);
  return out;
}

const readJson = (file) => {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
};

/** @type {{ name: string, ok: boolean, seconds: number, note: string, passed: number, failed: number, failures?: string[] }[]} */
const results = [];
const tests = { passed: 0, failed: 0 };

const PARTS = ["lint", "typecheck", "format", "build", "vitest", "e2e"];
/** `npm test -- vitest e2e` runs only the parts named (default: all of them). */
const chosen = process.argv.slice(2);
const unknown = chosen.filter((name) => !PARTS.includes(name));
if (unknown.length > 0) {
  console.error(`npm test: unknown part ${unknown.join(", ")} (parts: ${PARTS.join(", ")})`);
  process.exit(2);
}
const wanted = (key) => chosen.length === 0 || chosen.includes(key);

async function part(key, name, fn) {
  if (!wanted(key)) return;
  console.log(`\n━━ ${name}`);
  const start = Date.now();
  const result = await fn();
  const seconds = Math.round((Date.now() - start) / 1000);
  results.push({ key, name, seconds, ...result });
  tests.passed += result.passed;
  tests.failed += result.failed;
  console.log(
    `━━ ${name}: ${result.ok ? "passed" : "FAILED"} in ${seconds} s${result.note ? ` (${result.note})` : ""}`,
  );
}

/** A test suite's part: its exit code, its counts and its failing tests (a non-zero exit fails at least once). */
function suiteResult(code, passed, failed, failures) {
  const ok = code === 0;
  return {
    ok,
    note: `${passed} passed, ${failed} failed`,
    passed,
    failed: ok ? failed : Math.max(failed, 1),
    failures,
  };
}

/** A part that is one command: one check, passed or failed. */
const check = (command, args) => async () => {
  const ok = (await run(command, args)) === 0;
  return { ok, note: "", passed: ok ? 1 : 0, failed: ok ? 0 : 1 };
};

// ── Before anything runs: what this machine lacks, said once at the start.
const e2ePort = Number(process.env.E2E_PORT ?? 3100);
const busy = wanted("e2e") && (await portBusy(e2ePort));
const hasFfmpeg = ["ffmpeg", "ffprobe"].every(
  (tool) => spawnSync(tool, ["-version"], { stdio: "ignore" }).status === 0,
);
console.log(
  `npm test: ${chosen.length ? chosen.join(", ") : PARTS.join(", ")}; browser suite on port ${e2ePort} (E2E_PORT)${busy ? " — BUSY" : ""}`,
);
if (busy)
  console.log(
    `  port ${e2ePort} is already in use: the browser suite will not run. Stop what holds it or choose another, e.g. E2E_PORT=3150 npm test`,
  );
if (!hasFfmpeg)
  console.log(
    CI
      ? "  ffmpeg/ffprobe not found: required on CI (apt-get install ffmpeg); the media tests will fail"
      : "  ffmpeg/ffprobe not found: the media tests (renditions, import, upload, blindness) will be skipped (apt-get install ffmpeg)",
  );

await part("lint", "lint", check("npm", ["run", "--silent", "lint"]));
await part("typecheck", "typecheck", check("npm", ["run", "--silent", "typecheck"]));
await part("format", "format", check("npm", ["run", "--silent", "format:check"]));

/** Whether .next holds a usable build: set by the build part, or (when it is not run) by its stamp. */
let built = !wanted("build") && fs.existsSync(path.join(root, ".next", "serve.mjs"));
await part("build", "build", async () => {
  const commit = cleanCommit();
  const stamp = fs.existsSync(BUILD_STAMP) ? fs.readFileSync(BUILD_STAMP, "utf8").trim() : null;
  if (commit && stamp === commit && fs.existsSync(path.join(root, ".next", "serve.mjs"))) {
    built = true;
    return { ok: true, note: `reused the build of ${commit.slice(0, 10)} (clean tree)`, passed: 1, failed: 0 };
  }
  fs.rmSync(BUILD_STAMP, { force: true });
  const ok = (await run("npm", ["run", "--silent", "build"])) === 0;
  built = ok;
  // Stamp only a build of a committed, clean tree, checked again after the build.
  if (ok && commit && cleanCommit() === commit) fs.writeFileSync(BUILD_STAMP, `${commit}\n`);
  return { ok, note: "", passed: ok ? 1 : 0, failed: ok ? 0 : 1 };
});

// vitest and the browser suite run side by side: the browser suite spends most of its time waiting
// (clips playing, recomputes being published), so together they take little more than the longer of
// the two. They share no port (vitest's servers use 33xx and 35xx, Playwright's E2E_PORT to +2) and
// no database (vitest: its own files and PostgreSQL databases; Playwright: data/e2e*).
const suites = wanted("vitest") && wanted("e2e");
const testsPart = part("vitest", "unit and integration tests (vitest)", async () => {
  const file = path.join(reportDir, "vitest.json");
  const code = await run(
    "npx",
    ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${file}`],
    {},
    suites ? "vitest" : null,
  );
  const report = readJson(file);
  const passed = report?.numPassedTests ?? 0;
  const failed = report?.numFailedTests ?? (code === 0 ? 0 : 1);
  return suiteResult(code, passed, failed, vitestFailures(report));
});

const browserPart = part("e2e", "browser tests (Playwright, Chromium)", async () => {
  if (busy) return { ok: false, note: `port ${e2ePort} is in use: not run (set E2E_PORT)`, passed: 0, failed: 1 };
  if (!built) return { ok: false, note: "the build failed: not run", passed: 0, failed: 1 };
  const file = path.join(reportDir, "playwright.json");
  const code = await run(
    "npx",
    ["playwright", "test", "--reporter=list,json"],
    { E2E_PORT: String(e2ePort), PLAYWRIGHT_JSON_OUTPUT_NAME: file },
    suites ? "e2e" : null,
  );
  const report = readJson(file);
  const stats = report?.stats;
  const passed = (stats?.expected ?? 0) + (stats?.flaky ?? 0);
  const failed = stats?.unexpected ?? (code === 0 ? 0 : 1);
  return suiteResult(code, passed, failed, playwrightFailures(report));
});

await Promise.all([testsPart, browserPart]);

fs.rmSync(reportDir, { recursive: true, force: true });
results.sort((a, b) => PARTS.indexOf(a.key) - PARTS.indexOf(b.key));
const failedParts = results.filter((r) => !r.ok);
console.log("\n━━ summary");
for (const r of results) {
  console.log(`  ${r.ok ? "ok  " : "FAIL"}  ${r.name} (${r.seconds} s)${r.note ? `: ${r.note}` : ""}`);
  // The failing tests by name, so the last lines of a CI log say what to fix.
  for (const failure of r.failures ?? []) console.log(`          ✗ ${failure}`);
}
if (failedParts.length > 0) console.log(`failed parts: ${failedParts.map((r) => r.name).join(", ")}`);
console.log(`${tests.passed} passed, ${tests.failed} failed`);
process.exit(failedParts.length > 0 ? 1 : 0);
