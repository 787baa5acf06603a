import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export interface RunningServer {
  baseUrl: string;
  process: ChildProcess;
  stop: () => Promise<void>;
}

/** Which server script runs, and how: an A/B run starts another build's script beside this one. */
export interface ServerOptions {
  /** The bundled server script (default `.next/serve.mjs`, `npm start`'s). */
  script?: string;
  /** Node options before the script, e.g. `--cpu-prof` (NODE_OPTIONS does not allow it). */
  nodeArgs?: string[];
}

/**
 * Starts the production server (`npm start`'s script) on a port with extra environment, and
 * resolves once it answers. Needs `npm run build` first.
 */
export async function startServer(
  port: number,
  env: Record<string, string>,
  options: ServerOptions = {},
): Promise<RunningServer> {
  const log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "clip-arena-server-")), "server.log");
  const out = fs.openSync(log, "w");
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), options.script ?? path.join(".next", "serve.mjs")],
    {
      env: { ...process.env, PORT: String(port), ...env },
      stdio: ["ignore", out, out],
      detached: true,
    },
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${fs.readFileSync(log, "utf8").slice(-2000)}`);
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start: ${fs.readFileSync(log, "utf8").slice(-2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return {
    baseUrl,
    process: child,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      process.kill(-child.pid!, "SIGTERM");
      await exited;
    },
  };
}
