// npm run bench:sampler [-- --quick] [--world <name>]... [--replicates <n>] [--seeds held-out|tuning] [--check-every N]
// [--optimum]: the pair
// sampler against uniform pairs, on simulated arenas with known truth and the same seeds, through the real code
// (sampleBattle fed the estimates loadVoteStats computes; computeBradleyTerry at checkpoints).
// Prints per world the median votes each arm needs and the ratio sampler/uniform with a paired
// bootstrap 95% interval; then what half-a-win does to gaps under both tie models; the last line
// is the 20-model, spread-100 summary. --optimum prints instead the oracle bound for "every
// interval <= 60" on each chosen full-coverage world (scripts/bench/sampler-optimum.ts).
import { parseArgs } from "node:util";
import { sampleBattle } from "../../lib/arena/sampler";
import { estimateStrengths, tallyPairs } from "../../lib/arena/strength-estimates";
import { seededRandom } from "../../lib/random";
import { computeBradleyTerry, type RatingsResult } from "../../lib/ratings";
import { formatRatio as format, median, pairedRatio, parseSeedSet, type SeedSet, seedOf } from "./paired-ratio";
import { optimumBound } from "./sampler-optimum";
import { SCENARIOS, type Scenario } from "./sampler-scenarios";
import { type Arm, createDrawer, createWorld, simulateOutcome, VoteTally } from "./sampler-world";

/** Votes between checkpoints (refits). */
const CHECK_EVERY = 250;
/**
 * Bootstrap rounds of the checkpoint refits: the product's own interval method (computeBradleyTerry,
 * percentile bootstrap) with 100 rounds instead of 1,000, so the width criterion is judged on the
 * intervals readers see, at a tenth of the cost (the 2.5% / 97.5% quantiles get noisier, not biased).
 */
const CHECK_BOOTSTRAP = 100;
const WIDTH_TARGET = 60;
const NEW_MODEL_TARGET = 100;

interface RunResult {
  top3: number;
  width: number;
  newModel: number;
  /** Fitted centred ratings against the true ones at the horizon: least-squares slope, coverage. */
  slope: number;
  coverage: number;
}

/** An open interval (a side the votes cannot bound) is infinitely wide. */
const width = (row: RatingsResult["rows"][number]) =>
  row.ciLow === null || row.ciHigh === null ? Number.POSITIVE_INFINITY : row.ciHigh - row.ciLow;

const ARMS = ["sampler", "uniform", "fewest"] as const;

/** One replicate of one arm: votes until each target, censored at the horizon plus one checkpoint. */
function runArm(spec: Scenario, seed: number, arm: Arm): RunResult {
  const world = createWorld(spec, seededRandom(seed));
  const tally = new VoteTally();
  const draw = createDrawer(arm, tally, seededRandom(seed + 1_000_003));
  const voter = seededRandom(seed + 2_000_003);
  const checkEvery = spec.checkEvery ?? CHECK_EVERY;
  const censored = spec.horizon + checkEvery;
  let top3Since: number | null = null;
  let widthAt: number | null = null;
  let newModelAt: number | null = null;
  let last: RatingsResult | null = null;
  for (let vote = 1; vote <= spec.horizon; vote += 1) {
    const joined = spec.newModelAt !== undefined && vote > spec.newModelAt;
    const battle = draw(joined ? world.catalogueWithNew : world.catalogue);
    tally.add(battle, simulateOutcome(spec, world.truth, battle, voter));
    if (vote % checkEvery !== 0) continue;
    const present = [...world.truth.keys()].filter((m) => m !== world.newModel || joined);
    const needIntervals = widthAt === null || (joined && newModelAt === null) || vote === spec.horizon;
    const fit = computeBradleyTerry(tally.cells(), { bootstrap: needIntervals ? CHECK_BOOTSTRAP : 0, seed: vote });
    const trueTop = present.sort((a, b) => (world.truth.get(b) as number) - (world.truth.get(a) as number)).slice(0, 3);
    const correct = fit.rows.slice(0, 3).every((row, i) => row.model === trueTop[i]);
    top3Since = correct ? (top3Since ?? vote) : null;
    if (needIntervals && widthAt === null && fit.rows.length === present.length) {
      if (fit.rows.every((row) => width(row) <= WIDTH_TARGET)) widthAt = vote;
    }
    const newRow = fit.rows.find((row) => row.model === world.newModel);
    if (joined && newModelAt === null && newRow && width(newRow) <= NEW_MODEL_TARGET) {
      newModelAt = vote - (spec.newModelAt as number);
    }
    last = fit;
  }
  return {
    top3: top3Since ?? censored,
    width: widthAt ?? censored,
    newModel: newModelAt ?? censored,
    ...calibration(world.truth, last),
  };
}

/** How the fit's centred ratings relate to the truth: slope through the origin and interval coverage. */
function calibration(truth: ReadonlyMap<string, number>, fit: RatingsResult | null) {
  if (!fit) return { slope: Number.NaN, coverage: Number.NaN };
  const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;
  const trueMean = mean(fit.rows.map((row) => truth.get(row.model) as number));
  const fitMean = mean(fit.rows.map((row) => row.rating));
  let cross = 0;
  let square = 0;
  let covered = 0;
  for (const row of fit.rows) {
    const t = (truth.get(row.model) as number) - trueMean;
    cross += (row.rating - fitMean) * t;
    square += t * t;
    if ((row.ciLow ?? -Infinity) <= fitMean + t && fitMean + t <= (row.ciHigh ?? Infinity)) covered += 1;
  }
  return { slope: cross / square, coverage: covered / fit.rows.length };
}

function runScenario(spec: Scenario, seeds: SeedSet) {
  const results: Record<Arm, RunResult[]> = { sampler: [], uniform: [], fewest: [] };
  const started = performance.now();
  for (let replicate = 0; replicate < spec.replicates; replicate += 1) {
    for (const arm of ARMS) results[arm].push(runArm(spec, seedOf(replicate, seeds), arm));
    if ((replicate + 1) % 10 === 0 || replicate + 1 === spec.replicates) {
      const seconds = ((performance.now() - started) / 1000).toFixed(0);
      process.stderr.write(`  ${spec.name}: ${replicate + 1}/${spec.replicates} replicates, ${seconds} s\n`);
    }
  }
  const censored = spec.horizon + (spec.checkEvery ?? CHECK_EVERY);
  const metric = (label: string, key: "top3" | "width" | "newModel") => {
    const [s, u, f] = [results.sampler, results.uniform, results.fewest].map((runs) => runs.map((r) => r[key])) as [
      number[],
      number[],
      number[],
    ];
    const open = (values: number[]) =>
      values.filter((v) => v >= censored - (key === "newModel" ? (spec.newModelAt ?? 0) : 0)).length;
    const ratio = pairedRatio(s, u, spec.replicates);
    const fewest = pairedRatio(f, u, spec.replicates);
    const versus = pairedRatio(s, f, spec.replicates);
    console.log(
      `  ${label.padEnd(16)} median votes: sampler ${median(s)}, uniform ${median(u)}, fewest ${median(f)} (not reached by the horizon: ${open(s)} / ${open(u)} / ${open(f)})`,
    );
    console.log(
      `  ${"".padEnd(16)} sampler/uniform ${format(ratio)}  fewest/uniform ${format(fewest)}  sampler/fewest ${format(versus)}`,
    );
    return { ratio, fewest, versus };
  };
  console.log(
    `${spec.name}, ${spec.tuned ? "a tuning world" : "a held-out world"}, ${seeds} seeds (${spec.replicates} paired replicates, ${spec.horizon} votes, checkpoints every ${spec.checkEvery ?? CHECK_EVERY})`,
  );
  const top3 = metric("top-3 stable", "top3");
  const width = metric(`width<=${WIDTH_TARGET}`, "width");
  const newModel = spec.newModelAt ? metric(`new model <=${NEW_MODEL_TARGET}`, "newModel") : null;
  const u = results.uniform;
  console.log(
    `  half-a-win at ${spec.horizon} votes (uniform arm): fitted/true gap slope ${median(u.map((r) => r.slope)).toFixed(3)}, 95% intervals cover the truth for ${(100 * median(u.map((r) => r.coverage))).toFixed(0)}% of models`,
  );
  return { top3, width, newModel };
}

/** Median time of one sampleBattle draw at 50 models × 500 prompts, with a voter's 200 reveals. */
function timeDraws() {
  const random = seededRandom(5);
  const models = Array.from({ length: 50 }, (_, m) => `m${m}`);
  const prompts = Array.from({ length: 500 }, (_, p) => ({
    id: `p${p}`,
    clips: models.map((m) => ({ id: `p${p}-${m}`, modelId: m })),
  }));
  const tally = new VoteTally();
  const draw = createDrawer("sampler", tally, random);
  for (let vote = 0; vote < 20_000; vote += 1) tally.add(draw(prompts), random() < 0.5 ? "left" : "right");
  const posterior = estimateStrengths(tallyPairs(tally.groups()));
  const revealed = Array.from({ length: 200 }, (_, i) => ({ promptId: `p${i}`, modelId: `m${i % 50}` }));
  const times: number[] = [];
  for (let round = 0; round < 2_000; round += 1) {
    const started = performance.now();
    sampleBattle({ prompts, posterior, revealed, previousPair: ["m1", "m2"] }, random);
    times.push(performance.now() - started);
  }
  const started = performance.now();
  for (let round = 0; round < 20; round += 1) estimateStrengths(tallyPairs(tally.groups()));
  const refresh = (performance.now() - started) / 20;
  console.log(
    `draw at 50 models × 500 prompts: median ${median(times.slice(200)).toFixed(3)} ms, p99 ${[...times.slice(200)].sort((a, b) => a - b)[Math.floor(0.99 * 1800)]?.toFixed(3)} ms; posterior refresh (once per cache period) ${refresh.toFixed(1)} ms`,
  );
}

/**
 * The least share of uniform's votes any allocation of votes over pairs needs for "every interval
 * <= 60", from each replicate's true strengths: median and range over the replicates' worlds.
 */
function printOptimum(spec: Scenario, seeds: SeedSet) {
  const bounds = Array.from({ length: spec.replicates }, (_, replicate) => {
    const world = createWorld(spec, seededRandom(seedOf(replicate, seeds)));
    const present = [...world.truth.entries()].filter(([model]) => model !== world.newModel);
    return optimumBound(present.map(([, rating]) => (rating * Math.LN10) / 400));
  });
  const range = (values: number[]) =>
    `${median(values).toFixed(2)} (${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)})`;
  console.log(
    `${spec.name}: best allocation for width<=${WIDTH_TARGET} needs ${range(bounds.map((b) => b.upper))} of uniform's votes, certified at least ${range(bounds.map((b) => b.lower))} (median, range over ${spec.replicates} worlds)`,
  );
}

const { values } = parseArgs({
  options: {
    quick: { type: "boolean" },
    world: { type: "string", multiple: true },
    replicates: { type: "string" },
    seeds: { type: "string" },
    "check-every": { type: "string" },
    optimum: { type: "boolean" },
  },
});
const chosen = SCENARIOS.filter((s) => !values.world || values.world.includes(s.name)).map((s) => ({
  ...s,
  replicates: values.replicates ? Number(values.replicates) : values.quick ? 4 : s.replicates,
  // Coarser checkpoints halve a run's cost (each refit's profile bounds dominate it).
  ...(values["check-every"] ? { checkEvery: Number(values["check-every"]) } : {}),
}));
const seeds = parseSeedSet(values.seeds);
const quickSet = values.quick && !values.world ? chosen.slice(0, 2) : chosen;
if (values.optimum) {
  for (const spec of quickSet)
    if (spec.coverage === 1 && spec.ties === "flat" && !spec.newModelAt) printOptimum(spec, seeds);
  process.exit(0);
}
timeDraws();
const summary = new Map(quickSet.map((s) => [s.name, runScenario(s, seeds)]));
const main = summary.get(SCENARIOS[0]?.name ?? "");
const joined = summary.get(SCENARIOS[1]?.name ?? "");
if (main && joined?.newModel) {
  console.log(
    `sampler vs uniform (${seeds} seeds): top-3 stable R ${format(main.top3.ratio)}; width<=60 R ${format(main.width.ratio)}; new model R ${format(joined.newModel.ratio)}`,
  );
  console.log(
    `sampler vs fewest votes (${seeds} seeds): top-3 stable R ${format(main.top3.versus)}; width<=60 R ${format(main.width.versus)}; new model R ${format(joined.newModel.versus)}`,
  );
}
