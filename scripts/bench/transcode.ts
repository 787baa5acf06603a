// npm run bench:transcode -- <manifest.json> [--limit N]: probes and transcodes every clip file a
// manifest lists (as the import does, into a scratch folder, nothing stored) and prints the time
// per clip: median, p90 and total, in seconds of wall-clock time on this machine.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { probeMedia } from "../../lib/media/ffprobe";
import { transcodeRenditions } from "../../lib/media/transcode";

const { positionals, values } = parseArgs({ allowPositionals: true, options: { limit: { type: "string" } } });
const manifestPath = positionals[0];
if (!manifestPath) throw new Error("usage: npm run bench:transcode -- <manifest.json> [--limit N]");
const manifest = JSON.parse(fs.readFileSync(manifestPath, "utf8")) as { clips: { file: string }[] };
const files = [...new Set(manifest.clips.map((c) => path.resolve(path.dirname(manifestPath), c.file)))].slice(
  0,
  values.limit ? Number(values.limit) : undefined,
);
const work = fs.mkdtempSync(path.join(os.tmpdir(), "bench-transcode-"));
const seconds: number[] = [];
try {
  for (const file of files) {
    const started = performance.now();
    const probe = await probeMedia(file);
    if (!probe) throw new Error(`ffprobe cannot read ${file}`);
    await transcodeRenditions(file, probe.hasAudio, work);
    seconds.push((performance.now() - started) / 1000);
    for (const name of fs.readdirSync(work)) fs.rmSync(path.join(work, name));
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
const sorted = [...seconds].sort((a, b) => a - b);
const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
const total = seconds.reduce((a, b) => a + b, 0);
console.log(
  `transcode (probe + renditions) of ${seconds.length} clips: median ${at(0.5).toFixed(2)} s, p90 ${at(0.9).toFixed(2)} s, max ${at(1).toFixed(2)} s, total ${total.toFixed(1)} s`,
);
