// npm run bench:media [-- <seconds per run>]: media bytes served per second through the padded
// path (a per-URL MP4 free box) against the plain file, and the real clip set served to 32
// concurrent clients from local disk and from an S3-compatible server (s3rver), with p50/p99 of
// the Range requests. The clips are the real set's files in SHARED_DIR/real-clips (their
// renditions where an import made them is the same amount of bytes to move: serving does not look
// inside). Server and clients share this process and this machine's cores.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { serveStoredFile } from "../../lib/http/serve-file";
import { writeStreamedResponse } from "../../lib/http/stream-response";
import { derivePadding } from "../../lib/media/mp4-padding";
import { seededRandom } from "../../lib/random";
import { LocalMediaStore } from "../../lib/storage/local-media";
import type { MediaStore } from "../../lib/storage/media-store";
import { startS3Server } from "../../tests/integration/storage/s3-server";

const SECONDS = Number(process.argv[2] ?? 8);
const RUNS = 3;
const CLIENTS = 32;
const RANGE_BYTES = 512 * 1024;
const SECRET = "bench-media-secret";
const CLIPS_DIR = path.join(process.env.SHARED_DIR ?? path.resolve("..", "shared"), "real-clips", "clips");

interface Run {
  mbPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
}

/** An HTTP server answering /padded/<i>/<token> and /plain/<i> from the store, streamed. */
async function startServer(store: MediaStore, keys: string[]): Promise<{ origin: string; close: () => void }> {
  const server = http.createServer((req, res) => {
    const [, kind, index = "", token = ""] = (req.url ?? "/").split("/");
    const storageKey = keys[Number(index)] ?? "";
    const padding = kind === "padded" ? derivePadding(SECRET, token) : undefined;
    const request = new Request(`http://localhost${req.url}`, {
      headers: req.headers.range ? { range: req.headers.range } : {},
    });
    void serveStoredFile(store, request, { storageKey, mimeType: "video/mp4", padding }, "no-store").then((r) =>
      writeStreamedResponse(res, r),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

/** `clients` loops, each fetching a random clip's random Range (as a seeking player would) until time is up. */
async function load(
  origin: string,
  sizes: number[],
  kind: "padded" | "plain",
  clients: number,
  ranged: boolean,
): Promise<Run> {
  const random = seededRandom(clients);
  const latencies: number[] = [];
  let bytes = 0;
  const until = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < until) {
        const index = Math.floor(random() * sizes.length);
        const token = Math.floor(random() * 1e9).toString(36);
        const size = sizes[index] ?? 1;
        const start = ranged ? Math.floor(random() * Math.max(1, size - RANGE_BYTES)) : 0;
        const headers: Record<string, string> = ranged ? { range: `bytes=${start}-${start + RANGE_BYTES - 1}` } : {};
        const t0 = performance.now();
        const response = await fetch(`${origin}/${kind}/${index}/${token}`, { headers });
        if (!response.ok) throw new Error(`HTTP ${response.status} for ${response.url}`);
        // Read first, then add: `bytes += await …` would read `bytes` before the await and lose updates.
        const received = (await response.arrayBuffer()).byteLength;
        bytes += received;
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { mbPerSecond: bytes / 1e6 / elapsed, p50Ms: at(0.5), p99Ms: at(0.99), requests: latencies.length };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function report(label: string, runOnce: () => Promise<Run>): Promise<void> {
  const runs: Run[] = [];
  for (let i = 0; i < RUNS; i += 1) runs.push(await runOnce());
  const m = (pick: (r: Run) => number, digits: number) => median(runs.map(pick)).toFixed(digits);
  console.log(
    `${label.padEnd(46)} ${m((r) => r.mbPerSecond, 1).padStart(7)} MB/s  p50 ${m((r) => r.p50Ms, 1)} ms  p99 ${m((r) => r.p99Ms, 1)} ms  (median of ${RUNS} × ${SECONDS} s, ${m((r) => r.requests, 0)} requests)`,
  );
}

async function main(): Promise<void> {
  if (!fs.existsSync(CLIPS_DIR)) throw new Error(`no real clips at ${CLIPS_DIR} (set SHARED_DIR)`);
  const files = fs
    .readdirSync(CLIPS_DIR, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
  const sizes = files.map((f) => fs.statSync(f).size);
  const total = sizes.reduce((a, b) => a + b, 0);
  console.log(
    `${files.length} real clips, ${(total / 1e6).toFixed(1)} MB; ${os.cpus().length} cores shared by server and clients`,
  );

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clip-arena-bench-media-"));
  const local = new LocalMediaStore(dir);
  const localKeys: string[] = [];
  for (const file of files) localKeys.push(await local.putFile(file, "clips", "mp4"));
  const s3 = await startS3Server();
  const bucket = s3.store();
  const s3Keys: string[] = [];
  for (const file of files) s3Keys.push(await bucket.putFile(file, "clips", "mp4", "video/mp4"));

  const localServer = await startServer(local, localKeys);
  const s3Server = await startServer(bucket, s3Keys);
  try {
    await report("local, whole files, 1 client, plain", () => load(localServer.origin, sizes, "plain", 1, false));
    await report("local, whole files, 1 client, padded", () => load(localServer.origin, sizes, "padded", 1, false));
    await report(`local, ${CLIENTS} clients, 512 KiB Ranges, plain`, () =>
      load(localServer.origin, sizes, "plain", CLIENTS, true),
    );
    await report(`local, ${CLIENTS} clients, 512 KiB Ranges, padded`, () =>
      load(localServer.origin, sizes, "padded", CLIENTS, true),
    );
    await report(`S3 (s3rver), ${CLIENTS} clients, 512 KiB Ranges, padded`, () =>
      load(s3Server.origin, sizes, "padded", CLIENTS, true),
    );
  } finally {
    localServer.close();
    s3Server.close();
    await s3.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
