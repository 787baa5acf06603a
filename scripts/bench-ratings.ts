// npm run bench:ratings: the ratings CLI end to end on 1M simulated votes (30 models, 1,000
// bootstrap rounds), read from JSONL and from Parquet written into a temporary folder, with wall
// time, CPU time and peak RSS (medians of BENCH_RUNS runs, default 3). Where Python with numpy
// and scipy is installed, the same JSONL through FastChat's Bradley-Terry method (the maximum
// likelihood fit of its compute_mle_elo, refitted on bootstrap resamples of the votes) as a
// ratio; otherwise it says it was skipped.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { encodeParquet } from "../lib/export/encoders";
import type { ExportRow } from "../lib/export/columns";
import { seededRandom } from "../lib/random";
import { simulateBattles } from "../lib/ratings/simulate";

const VOTES = Number(process.env.BENCH_VOTES ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PAGE = 50_000;
const strengths = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`model-${i}`, 850 + i * 10]));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

function* exportRows(): Generator<ExportRow> {
  let n = 0;
  for (const b of simulateBattles(
    { strengths, votes: VOTES, categories: ["physics", "dance", "action"] },
    seededRandom(1),
  )) {
    n += 1;
    yield {
      vote_id: `vote-${n.toString(36).padStart(8, "0")}`,
      tstamp: 1_760_000_000 + n,
      model_a: b.modelA,
      model_b: b.modelB,
      winner: b.winner,
      category: b.category ?? "",
      categories: b.category ? [b.category] : [],
      battle_kind: "anonymous",
      prompt_id: `prompt-${n % 500}`,
      prompt_text_zh: null,
      prompt_text_en: null,
      mode: "text_to_video",
      image_id: null,
      clip_a_id: "clip-a",
      clip_b_id: "clip-b",
      duration_a_ms: 8000,
      duration_b_ms: 6000,
      pixels_a: 1280 * 720,
      pixels_b: 1280 * 720,
      fps_a: 24,
      fps_b: null,
      audio_a: 0,
      audio_b: 0,
      tags_a: [],
      tags_b: [],
      decision_ms: 9000,
      flagged: false,
      flag_reason: null,
      judge: `judge-${n % 2000}`,
    };
  }
}

async function writeFiles(dir: string): Promise<{ jsonl: string; parquet: string }> {
  const jsonl = path.join(dir, "votes.jsonl");
  const parquet = path.join(dir, "votes.parquet");
  const out = fs.openSync(jsonl, "w");
  let lines: string[] = [];
  // JSONL as LMArena's battle files carry it (about 150 bytes a vote); Parquet as our export.
  for (const row of exportRows()) {
    const { vote_id, tstamp, model_a, model_b, winner, category } = row;
    lines.push(JSON.stringify({ vote_id, tstamp, model_a, model_b, winner, category, anony: true }));
    if (lines.length === PAGE) {
      fs.writeSync(out, `${lines.join("\n")}\n`);
      lines = [];
    }
  }
  if (lines.length > 0) fs.writeSync(out, `${lines.join("\n")}\n`);
  fs.closeSync(out);
  // eslint-disable-next-line @typescript-eslint/require-await -- the encoders take an async iterable
  async function* pages() {
    let page: ExportRow[] = [];
    for (const row of exportRows()) {
      page.push(row);
      if (page.length === PAGE) {
        yield page;
        page = [];
      }
    }
    if (page.length > 0) yield page;
  }
  const pq = fs.openSync(parquet, "w");
  for await (const chunk of encodeParquet(pages())) fs.writeSync(pq, chunk);
  fs.closeSync(pq);
  return { jsonl, parquet };
}

/** One CLI run: wall seconds, and CPU seconds and peak RSS in MB from /usr/bin/time where it exists. */
function runCli(file: string): { seconds: number; cpu: number | null; rssMb: number | null } {
  const args = ["--import", "tsx", "scripts/ratings.ts", file, "--json", "--bootstrap", "1000"];
  const timed = fs.existsSync("/usr/bin/time");
  const started = performance.now();
  const result = timed
    ? spawnSync("/usr/bin/time", ["-f", "peak-rss-kb %M cpu %U %S", process.execPath, ...args], { encoding: "utf8" })
    : spawnSync(process.execPath, args, { encoding: "utf8" });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`ratings CLI failed: ${result.stderr}`);
  const measured = /peak-rss-kb (\d+) cpu ([\d.]+) ([\d.]+)/.exec(result.stderr);
  return measured
    ? { seconds, rssMb: Number(measured[1]) / 1024, cpu: Number(measured[2]) + Number(measured[3]) }
    : { seconds, rssMb: null, cpu: null };
}

function report(label: string, file: string) {
  const runs = Array.from({ length: RUNS }, () => runCli(file));
  const seconds = median(runs.map((r) => r.seconds));
  const timed = runs.every((r) => r.rssMb !== null);
  const rss = timed ? `${median(runs.map((r) => r.rssMb as number)).toFixed(0)} MB` : "n/a";
  const cpu = timed ? `${median(runs.map((r) => r.cpu as number)).toFixed(2)} s` : "n/a";
  console.log(
    `${label.padEnd(8)} ${(fs.statSync(file).size / 1e6).toFixed(0).padStart(4)} MB file  median ${seconds.toFixed(2)} s end to end (CPU ${cpu})  peak RSS ${rss}  (runs: ${runs.map((r) => r.seconds.toFixed(2)).join(", ")} s)`,
  );
  return seconds;
}

/** FastChat's compute_mle_elo (sklearn-free: scipy's L-BFGS on the same loss) timed in Python. */
const FASTCHAT = `
import json, sys, time
import numpy as np
from scipy.optimize import minimize
t = time.time()
rows = [json.loads(l) for l in open(sys.argv[1])]
models = sorted({r["model_a"] for r in rows} | {r["model_b"] for r in rows})
idx = {m: i for i, m in enumerate(models)}
a = np.array([idx[r["model_a"]] for r in rows]); b = np.array([idx[r["model_b"]] for r in rows])
w = np.array([{"model_a": 1.0, "model_b": 0.0}.get(r["winner"], 0.5) for r in rows])
def fit(a, b, w):
    def loss(t):
        d = t[a] - t[b]; p = 1 / (1 + np.exp(-d))
        g = np.zeros_like(t); r = w - p
        np.add.at(g, a, -r); np.add.at(g, b, r)
        return -(w * np.log(p) + (1 - w) * np.log(1 - p)).sum(), g
    return minimize(loss, np.zeros(len(models)), jac=True, method="L-BFGS-B").x
fit(a, b, w)
setup = time.time() - t
t = time.time()
rng = np.random.default_rng(0)
for _ in range(int(sys.argv[2])):
    i = rng.integers(0, len(a), len(a)); fit(a[i], b[i], w[i])
print(setup, (time.time() - t) / int(sys.argv[2]))
`;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-ratings-"));
try {
  console.log(`writing ${VOTES.toLocaleString("en")} simulated votes (30 models) to ${dir} …`);
  const { jsonl, parquet } = await writeFiles(dir);
  console.log(`ratings CLI, Bradley-Terry with 1,000 bootstrap rounds, median of ${RUNS} runs:`);
  const ours = report("JSONL", jsonl);
  report("Parquet", parquet);
  const python = spawnSync("python3", ["-c", "import numpy, scipy"], { encoding: "utf8" });
  if (python.status !== 0) {
    console.log("FastChat's method: skipped (python3 with numpy and scipy is not installed here)");
  } else {
    const rounds = Math.max(1, Number(process.env.BENCH_FASTCHAT_ROUNDS ?? 3));
    const run = spawnSync("python3", ["-c", FASTCHAT, jsonl, String(rounds)], { encoding: "utf8" });
    // Reading and the first fit once, then the measured time per bootstrap round × 1,000.
    const [setup = NaN, perRound = NaN] = run.stdout.trim().split(/\s+/).map(Number);
    const perThousand = setup + 1000 * perRound;
    console.log(
      `FastChat's method (${rounds} bootstrap rounds, scaled to 1,000): ${perThousand.toFixed(1)} s, ${(perThousand / ours).toFixed(1)}× ours`,
    );
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
