import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";

/*
 * Every operator CLI that reads or writes the database says in one line that the database is
 * missing or lacks migrations, before it opens it: no stack trace, exit code 1, and no empty SQLite
 * file left behind (issue 29). The check itself is engine-neutral (lib/db/applied-migrations.ts);
 * a missing file is SQLite's own case, so both cases run on SQLite here.
 */

const root = path.join(__dirname, "..", "..", "..");
const tsx = path.join(root, "node_modules", ".bin", "tsx");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cli-database-check-"));

/** The scripts behind the database CLIs of package.json, with arguments that would pass their usage checks. */
const CLIS: [name: string, script: string, args: string[]][] = [
  ["import", "scripts/import.ts", [path.join(dir, "manifest.json"), "--dry-run"]],
  ["demo:remove", "scripts/demo-remove.ts", []],
  ["db:seed", "scripts/db/seed.ts", []],
  ["dataset:release", "scripts/dataset-release.ts", []],
  ["leaderboard:recompute", "scripts/recompute-leaderboard.ts", []],
  ["media:renditions", "scripts/media-renditions.ts", []],
  ["admin:create", "scripts/admin-create.ts", ["ops@example.org"]],
  ["apikey:create", "scripts/apikey-create.ts", ["ops@example.org"]],
];

function run(script: string, args: string[], databaseFile: string) {
  return new Promise<{ status: number | null; stderr: string }>((resolve, reject) => {
    const child = spawn(tsx, [script, ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: `file:${databaseFile}`, MEDIA_DIR: path.join(dir, "media") },
      stdio: ["pipe", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdin.end("a-password-long-enough\n");
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stderr }));
  });
}

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("database CLIs on a database that is not ready", () => {
  test.each(CLIS)(
    "npm run %s: one line for a missing or unmigrated database, nothing created",
    async (name, script, args) => {
      const missing = path.join(dir, `${name.replace(":", "-")}-missing.db`);
      const absent = await run(script, args, missing);
      expect(absent.status).toBe(1);
      expect(absent.stderr).toBe(
        `error: there is no database at ${missing} (DATABASE_URL): run \`npm run db:migrate\` (and \`npm run db:seed\` for the demo)\n`,
      );
      expect(fs.existsSync(missing)).toBe(false);

      const empty = path.join(dir, `${name.replace(":", "-")}-empty.db`);
      fs.writeFileSync(empty, "");
      const unmigrated = await run(script, args, empty);
      expect(unmigrated.status).toBe(1);
      expect(unmigrated.stderr).toMatch(
        /^error: the database at DATABASE_URL lacks \d+ migration\(s\) \(\w+\): run `npm run db:migrate`.*\n$/,
      );
      expect(fs.statSync(empty).size).toBe(0);
    },
  );
});
