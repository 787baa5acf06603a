// npm run bench:media [-- <seconds per run>]: media bytes served per second, and the server's CPU
// time per MB, for the same files through nginx (static files, sendfile), the app's plain path,
// the per-URL padding box alone, and the per-URL rewrite + box that voters get
// (lib/media/mp4-unlink.ts), from local disk and from an S3-compatible server (s3rver). The files
// are the real set's H.264 clips (SHARED_DIR/real-clips) remuxed without re-encoding into
// faststart MP4s, the layout renditions have; clips the rewriter cannot handle are counted and
// served padded only. The app server runs in its own process (port BENCH_MEDIA_PORT, default
// 3400) and serves through the production bridge (lib/http/node-bridge.ts), nginx in one process
// (the next port); the clients run in this process, on the same 2 cores.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { seededRandom } from "../../lib/random";
import { LocalMediaStore } from "../../lib/storage/local-media";

const SECONDS = Number(process.argv[2] ?? 8);
const RUNS = 3;
const CLIENTS = 32;
const RANGE_BYTES = 512 * 1024;
/** The app's port (BENCH_MEDIA_PORT, default 3400) and nginx's, the next one. */
const APP_PORT = Number(process.env.BENCH_MEDIA_PORT ?? 3400);
const PORTS = { app: APP_PORT, nginx: APP_PORT + 1 };
const CLIPS_DIR = path.join(process.env.SHARED_DIR ?? path.resolve("..", "shared"), "real-clips", "clips");

type Kind = "nginx" | "plain" | "padded" | "unlinked" | "s3";
interface Run {
  mbPerSecond: number;
  cpuMsPerMb: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
}

/** Waits for a child's "ready" line or for a URL to answer. */
async function waitReady(child: ChildProcess, url: string | null): Promise<void> {
  if (!url) {
    await new Promise<void>((resolve, reject) => {
      child.stdout?.on("data", (data: Buffer) => data.toString().includes("ready") && resolve());
      child.on("exit", (code) => reject(new Error(`server exited with ${code}`)));
    });
    return;
  }
  for (let i = 0; i < 100; i += 1) {
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer`);
}

/** CPU time (user + system, ms) of a process, from /proc (all its threads). */
function processCpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

/** `clients` loops fetching a random clip's random Range (as a seeking player would), or whole files. */
async function load(
  url: (i: number, token: string) => string,
  sizes: number[],
  clients: number,
  ranged: boolean,
  cpu: () => Promise<number>,
): Promise<Run> {
  const random = seededRandom(clients);
  const latencies: number[] = [];
  let bytes = 0;
  const cpuBefore = await cpu();
  const started = performance.now();
  const until = started + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < until) {
        const index = Math.floor(random() * sizes.length);
        const token = Math.floor(random() * 1e9).toString(36);
        const size = sizes[index] ?? 1;
        const start = ranged ? Math.floor(random() * Math.max(1, size - RANGE_BYTES)) : 0;
        const headers: Record<string, string> = ranged ? { range: `bytes=${start}-${start + RANGE_BYTES - 1}` } : {};
        const t0 = performance.now();
        const response = await fetch(url(index, token), { headers });
        if (!response.ok) throw new Error(`HTTP ${response.status} for ${response.url}`);
        // Read first, then add: `bytes += await …` would read `bytes` before the await and lose updates.
        const received = (await response.arrayBuffer()).byteLength;
        bytes += received;
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const cpuMs = (await cpu()) - cpuBefore;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    mbPerSecond: bytes / 1e6 / elapsed,
    cpuMsPerMb: cpuMs / (bytes / 1e6),
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    requests: latencies.length,
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function report(label: string, runOnce: () => Promise<Run>, nginxMbPerSecond?: number): Promise<number> {
  const runs: Run[] = [];
  for (let i = 0; i < RUNS; i += 1) runs.push(await runOnce());
  const m = (pick: (r: Run) => number, digits: number) => median(runs.map(pick)).toFixed(digits);
  const mbPerSecond = median(runs.map((r) => r.mbPerSecond));
  const ratio = nginxMbPerSecond ? `  ${(mbPerSecond / nginxMbPerSecond).toFixed(2)}× nginx` : "";
  console.log(
    `${label.padEnd(44)} ${m((r) => r.mbPerSecond, 1).padStart(7)} MB/s  ${m((r) => r.cpuMsPerMb, 2).padStart(6)} CPU-ms/MB  p50 ${m((r) => r.p50Ms, 1)} ms  p99 ${m((r) => r.p99Ms, 1)} ms  (${m((r) => r.requests, 0)} requests)${ratio}`,
  );
  return mbPerSecond;
}

/** The real set's clips remuxed (stream copy, no re-encode) into faststart MP4s in `dir`. */
function remuxClips(dir: string): string[] {
  const files = fs
    .readdirSync(CLIPS_DIR, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
  const out: string[] = [];
  files.forEach((file, i) => {
    const target = path.join(dir, `remux-${i}.mp4`);
    try {
      execFileSync("ffmpeg", [
        "-nostdin",
        "-v",
        "error",
        "-y",
        "-i",
        file,
        "-map",
        "0:v:0",
        "-map",
        "0:a?",
        "-c",
        "copy",
        "-movflags",
        "+faststart",
        "-f",
        "mp4",
        target,
      ]);
      out.push(target);
    } catch {
      fs.rmSync(target, { force: true });
    }
  });
  return out;
}

async function main(): Promise<void> {
  if (!fs.existsSync(CLIPS_DIR)) throw new Error(`no real clips at ${CLIPS_DIR} (set SHARED_DIR)`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clip-arena-bench-media-"));
  const children: ChildProcess[] = [];
  try {
    const files = remuxClips(dir);
    const local = new LocalMediaStore(path.join(dir, "store"));
    const keys: string[] = [];
    for (const file of files) keys.push(await local.putFile(file, "clips", "mp4"));
    const sizes = keys.map((key) => fs.statSync(local.pathOf(key)).size);
    const total = sizes.reduce((a, b) => a + b, 0);
    console.log(
      `${files.length} real clips remuxed to faststart MP4, ${(total / 1e6).toFixed(1)} MB; ${os.cpus().length} cores; load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")}`,
    );

    const app = spawn(
      process.execPath,
      ["--import", "tsx", "scripts/bench/media-server.ts", path.join(dir, "store"), String(PORTS.app), ...keys],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    children.push(app);
    await waitReady(app, null);
    const conf = path.join(dir, "nginx.conf");
    fs.writeFileSync(
      conf,
      `daemon off;\nmaster_process off;\npid ${dir}/nginx.pid;\nerror_log ${dir}/nginx-error.log;\nevents {}\nhttp {\n  access_log off;\n  sendfile on;\n  tcp_nopush on;\n` +
        ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((d) => `  ${d}_temp_path ${dir}/${d};\n`).join("") +
        `  server {\n    listen 127.0.0.1:${PORTS.nginx};\n    root ${path.join(dir, "store")};\n    types { video/mp4 mp4; }\n  }\n}\n`,
    );
    const nginx = spawn("nginx", ["-p", dir, "-c", conf, "-e", path.join(dir, "nginx-error.log")], {
      stdio: "inherit",
    });
    children.push(nginx);
    await waitReady(nginx, `http://127.0.0.1:${PORTS.nginx}/${keys[0]}`);

    const appCpu = async () => ((await (await fetch(`http://127.0.0.1:${PORTS.app}/cpu`)).json()) as { ms: number }).ms;
    const nginxCpu = () => Promise.resolve(processCpuMs(nginx.pid!));
    const urls: Record<Kind, (i: number, token: string) => string> = {
      nginx: (i) => `http://127.0.0.1:${PORTS.nginx}/${keys[i]}`,
      plain: (i) => `http://127.0.0.1:${PORTS.app}/plain/${i}`,
      padded: (i, t) => `http://127.0.0.1:${PORTS.app}/padded/${i}/${t}`,
      unlinked: (i, t) => `http://127.0.0.1:${PORTS.app}/unlinked/${i}/${t}`,
      s3: (i, t) => `http://127.0.0.1:${PORTS.app}/s3/${i}/${t}`,
    };
    for (const [clients, ranged] of [
      [1, false],
      [CLIENTS, true],
    ] as const) {
      const what = ranged ? `${clients} clients, 512 KiB Ranges` : "1 client, whole files";
      const base = await report(`nginx, ${what}`, () => load(urls.nginx, sizes, clients, ranged, nginxCpu));
      for (const kind of ["plain", "padded", "unlinked"] as const)
        await report(`app ${kind}, ${what}`, () => load(urls[kind], sizes, clients, ranged, appCpu), base);
      if (ranged)
        await report(
          `app unlinked from S3 (s3rver), ${what}`,
          () => load(urls.s3, sizes, clients, ranged, appCpu),
          base,
        );
    }
    const { unsupported } = (await (await fetch(`http://127.0.0.1:${PORTS.app}/cpu`)).json()) as {
      unsupported: number;
    };
    console.log(
      `${unsupported} of ${keys.length} files served padded only (a layout the rewriter does not handle); CPU-ms/MB of s3 includes s3rver's share only when it runs in the app's process (it does here)`,
    );
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 500));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
