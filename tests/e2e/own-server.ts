import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";

/**
 * A second server for a spec that needs settings the suite's server (playwright.config.ts) must not
 * have: the built server (`.next/serve.mjs`) on the suite's port + `portOffset`, with a fresh SQLite
 * database and media folder in `data/e2e-<name>`, the demo seeded by the same start-up path users get.
 */
export function ownServer(name: string, portOffset: number, env: Record<string, string>) {
  const port = Number(process.env.E2E_PORT ?? 3100) + portOffset;
  const dir = `data/e2e-${name}`;
  const databaseUrl = `file:./${dir}/arena.db`;
  const base = `http://127.0.0.1:${port}`;
  let server: ChildProcess | undefined;

  /** Starts the server on an empty folder and resolves once `/api/health` answers 200; throws after 10 minutes. */
  async function start(): Promise<void> {
    fs.rmSync(dir, { recursive: true, force: true });
    server = spawn(process.execPath, [".next/serve.mjs"], {
      env: { ...process.env, PORT: String(port), DATABASE_URL: databaseUrl, MEDIA_DIR: `./${dir}/media`, ...env },
      stdio: "ignore",
    });
    for (let i = 0; i < 600; i += 1) {
      const up = await fetch(`${base}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (up) return;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    throw new Error(`the ${name} server did not start on ${base}`);
  }

  return { base, dir, databaseUrl, start, stop: () => server?.kill("SIGTERM") };
}
