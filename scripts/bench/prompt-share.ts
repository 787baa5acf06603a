// npm run bench:prompt-share -- [manifest.json] [--votes N] [--seeds K]: the realised largest share
// of battles on one prompt (issue 25, item 4), with the cap (MAX_PROMPT_SHARE) and without it, on
// the real set's catalogue and on simulated worlds. The pool is built with the app's own rule
// (lib/arena/blind-pool.ts: unpublished, at least three models); with DATABASE_URL set and
// --database, it is read from that database through the arena cache instead of a manifest.
// Votes follow a Bradley-Terry voter with true ratings ~ Normal(0, 100 points); the posterior the
// sampler weighs is refitted every 100 votes, as the arena refreshes it every few seconds.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { ArenaCache } from "../../lib/arena/arena-cache";
import { poolExclusion } from "../../lib/arena/blind-pool";
import { MAX_PROMPT_SHARE } from "../../lib/arena/prompt-cap";
import { type SamplerPrompt, sampleBattle } from "../../lib/arena/sampler";
import { estimateStrengths, tallyPairs, type VoteGroup } from "../../lib/arena/strength-estimates";
import { createDb } from "../../lib/db/client";
import { parseEnv } from "../../lib/env";
import { seededRandom } from "../../lib/random";
import { createGaussian } from "../../lib/ratings/sampling";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    votes: { type: "string", default: "5000" },
    seeds: { type: "string", default: "5" },
    database: { type: "boolean", default: false },
  },
});
const VOTES = Number(values.votes);
const SEEDS = Number(values.seeds);
const REFIT_EVERY = 100;

function poolFromManifest(file: string, minModels = true): { pool: SamplerPrompt[]; all: number } {
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as { clips: { prompt: string; model: string }[] };
  const byPrompt = new Map<string, { id: string; modelId: string }[]>();
  for (const clip of manifest.clips) {
    const clips = byPrompt.get(clip.prompt) ?? [];
    clips.push({ id: `${clip.prompt}/${clip.model}`, modelId: clip.model });
    byPrompt.set(clip.prompt, clips);
  }
  const pool = [...byPrompt]
    .filter(([, clips]) => !minModels || poolExclusion(null, clips) === null)
    .map(([id, clips]) => ({ id, clips }));
  return { pool, all: byPrompt.size };
}

async function poolFromDatabase(): Promise<{ pool: SamplerPrompt[]; all: number }> {
  const db = createDb(parseEnv().DATABASE_URL);
  try {
    const pool = await new ArenaCache().loadServablePrompts(db, undefined);
    return { pool, all: await db.prompt.count({ where: { publishedAt: null } }) };
  } finally {
    await db.$disconnect();
  }
}

/** Largest prompt share over `VOTES` battles of one simulated arena. */
function run(pool: SamplerPrompt[], seed: number, maxPromptShare: number): number {
  const random = seededRandom(seed);
  const gaussian = createGaussian(seededRandom(seed + 1000));
  const models = [...new Set(pool.flatMap((p) => p.clips.map((c) => c.modelId)))];
  const truth = new Map(models.map((m) => [m, (100 * gaussian() * Math.LN10) / 400]));
  const tally = new Map<string, VoteGroup>();
  let posterior = estimateStrengths([]);
  const perPrompt = new Map<string, number>();
  for (let n = 0; n < VOTES; n += 1) {
    if (n % REFIT_EVERY === 0 && n > 0) posterior = estimateStrengths(tallyPairs(tally.values()));
    const battle = sampleBattle({ prompts: pool, posterior, maxPromptShare }, random);
    if (!battle) throw new Error("empty pool");
    perPrompt.set(battle.promptId, (perPrompt.get(battle.promptId) ?? 0) + 1);
    const [a, b] = [battle.left.modelId, battle.right.modelId];
    const p = 1 / (1 + Math.exp((truth.get(b) as number) - (truth.get(a) as number)));
    const outcome = random() < p ? "left" : "right";
    const key = `${a} ${b} ${outcome}`;
    const group = tally.get(key) ?? { leftModelId: a, rightModelId: b, outcome, count: 0 };
    group.count += 1;
    tally.set(key, group);
  }
  return Math.max(...perPrompt.values()) / VOTES;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function report(name: string, pool: SamplerPrompt[], all: number): void {
  const capped = Array.from({ length: SEEDS }, (_, s) => run(pool, s + 1, MAX_PROMPT_SHARE));
  const uncapped = Array.from({ length: SEEDS }, (_, s) => run(pool, s + 1, 1));
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  console.log(
    `| ${name} | ${pool.length} of ${all} | ${pct(1 / pool.length)} | ${pct(median(capped))} (max ${pct(Math.max(...capped))}) | ${pct(median(uncapped))} (max ${pct(Math.max(...uncapped))}) |`,
  );
}

/** A simulated catalogue: `models` models, each on a share `coverage` of `prompts` prompts. */
function world(models: number, prompts: number, coverage: number, seed: number): SamplerPrompt[] {
  const random = seededRandom(seed);
  const catalogue = Array.from({ length: prompts }, (_, p) => ({
    id: `p${p}`,
    clips: Array.from({ length: models }, (_, m) => `m${m}`)
      .filter(() => random() < coverage)
      .map((m) => ({ id: `p${p}-${m}`, modelId: m })),
  }));
  return catalogue.filter((p) => poolExclusion(null, p.clips) === null);
}

const manifest = positionals[0] ?? path.resolve("..", "shared", "real-clips", "manifest.json");
console.log(
  `${VOTES} votes per run, ${SEEDS} seeds, cap ${MAX_PROMPT_SHARE}; median of the runs' largest prompt share`,
);
console.log("| catalogue | prompts in the pool | uniform share | capped | uncapped |");
console.log("| --- | --- | --- | --- | --- |");
if (values.database) {
  const { pool, all } = await poolFromDatabase();
  report("database (DATABASE_URL)", pool, all);
} else if (fs.existsSync(manifest)) {
  const { pool, all } = poolFromManifest(manifest);
  report("real set (manifest)", pool, all);
  const before = poolFromManifest(manifest, false);
  report("real set, two-model prompts kept (the rule before issue 25)", before.pool, before.all);
} else console.warn(`${manifest} not found: skipping the real set`);
report("simulated: 20 models, 60 prompts, 30% coverage", world(20, 60, 0.3, 7), 60);
report("simulated: 30 models, 32 prompts, 15% coverage", world(30, 32, 0.15, 8), 32);
