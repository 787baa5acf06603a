// npm run bench:sampler-quad [-- --world <name>]... [--replicates N] [--seeds held-out|tuning]
//   [--check-every N] [--choice sequential|plackett-luce] [--pair-seconds S] [--quad-cost C]
// Pairs against quads (issue 32, item 7): on simulated arenas with known truth and the same seeds,
// one arm serves pair battles (sampleBattle), the other quad battles (sampleQuad), both fed the
// posterior the app keeps, refreshed from the arm's own votes. A quad vote is rank-broken into its
// 5 implied pairs as the server does (lib/ratings/rank-breaking.ts) and those pairs feed both the
// sampler's posterior and the checkpoint fits (computeBradleyTerry, point estimates). Prints per
// world the median votes until the top 3 is correct and stays so, for each arm, the ratio
// quads/pairs with a paired-bootstrap 95% interval over seeds, and the same in voter-minutes under
// a stated cost of a quad (--quad-cost, a multiple of a pair's decision time, --pair-seconds).
//
// Voters: a pair vote follows the world's Bradley-Terry model with its tie model
// (sampler-world.ts: 10% ties, or Davidson's). A quad vote is "all bad" with probability
// ALL_BAD_RATE (the pair world's tie rate: a vote that orders nothing), else, by default, the best
// by Luce's choice (probability e^θ_i / Σ e^θ over the four) and the worst of the other three by
// e^−θ_j / Σ e^−θ: sequential best-worst (Marley & Louviere 2005), a noisy ranking whose every
// choice is Bradley-Terry's (two clips: exactly the pair model) and under which rank breaking
// recovers θ. --choice plackett-luce reports instead the top and bottom of a whole Plackett-Luce
// ranking (Gumbel noise on θ; Luce 1959, Plackett 1975), where rank breaking overstates gaps
// (docs/ratings.md). Both voters come from lib/ratings/simulate.ts.
import { parseArgs } from "node:util";
import { sampleBattle, sampleQuad } from "../../lib/arena/sampler";
import { seededRandom } from "../../lib/random";
import { computeBradleyTerry, type RatedQuad } from "../../lib/ratings";
import { rankBreakQuad } from "../../lib/ratings/rank-breaking";
import { simulateQuads } from "../../lib/ratings/simulate";
import { formatRatio, median, pairedRatio, parseSeedSet, type SeedSet, seedOf } from "./paired-ratio";
import { SCENARIOS, type Scenario } from "./sampler-scenarios";
import { createWorld, refreshedPosterior, simulateOutcome, VoteTally } from "./sampler-world";

const CHECK_EVERY = 250;
/** Share of quad votes that are "all bad": the pair world's 10% ties, for a vote that orders nothing. */
const ALL_BAD_RATE = 0.1;
/** The worlds run unless --world says otherwise: the main world and a held-out one. */
const DEFAULT_WORLDS = ["20 models, spread 100", "15 models, spread 150, 20 prompts"];

type Arm = "pairs" | "quads";
type Choice = "sequential" | "plackett-luce";

/** Votes until the fitted top 3 is the true top 3 and stays so to the horizon; censored past it. */
function runArm(spec: Scenario, seed: number, arm: Arm, checkEvery: number, choice: Choice): number {
  const world = createWorld(spec, seededRandom(seed));
  const tally = new VoteTally();
  const posterior = refreshedPosterior(tally);
  const random = seededRandom(seed + 1_000_003);
  const voter = seededRandom(seed + 2_000_003);
  const trueTop = [...world.truth.keys()]
    .sort((a, b) => (world.truth.get(b) as number) - (world.truth.get(a) as number))
    .slice(0, 3);
  let since: number | null = null;
  for (let vote = 1; vote <= spec.horizon; vote += 1) {
    if (arm === "pairs") {
      const battle = sampleBattle({ prompts: world.catalogue, posterior: posterior() }, random);
      if (!battle) throw new Error("the simulated catalogue has no pair");
      tally.add(battle, simulateOutcome(spec, world.truth, battle, voter));
    } else {
      const quad = sampleQuad({ prompts: world.catalogue, posterior: posterior() }, random);
      if (!quad) throw new Error("the simulated catalogue has no prompt with four models");
      // simulateQuads over exactly these four models: it shows them in a random order and answers.
      const strengths = Object.fromEntries(
        quad.clips.map((clip) => [clip.modelId, world.truth.get(clip.modelId) as number]),
      );
      const [answer] = simulateQuads({ strengths, votes: 1, allBadRate: ALL_BAD_RATE, choice }, voter);
      for (const pair of rankBreakQuad(answer as RatedQuad))
        tally.addPair(pair.modelA, pair.modelB, pair.winner === "model_a" ? "left" : "right");
    }
    if (vote % checkEvery !== 0) continue;
    const fit = computeBradleyTerry(tally.cells(), { bootstrap: 0 });
    const correct = fit.rows.slice(0, 3).every((row, i) => row.model === trueTop[i]);
    since = correct ? (since ?? vote) : null;
  }
  return since ?? spec.horizon + checkEvery;
}

function runWorld(
  spec: Scenario,
  seeds: SeedSet,
  checkEvery: number,
  options: { choice: Choice; pairSeconds: number; quadCost: number },
) {
  const votes: Record<Arm, number[]> = { pairs: [], quads: [] };
  const started = performance.now();
  for (let replicate = 0; replicate < spec.replicates; replicate += 1) {
    for (const arm of ["pairs", "quads"] as const)
      votes[arm].push(runArm(spec, seedOf(replicate, seeds), arm, checkEvery, options.choice));
    if ((replicate + 1) % 10 === 0 || replicate + 1 === spec.replicates) {
      const seconds = ((performance.now() - started) / 1000).toFixed(0);
      process.stderr.write(`  ${spec.name}: ${replicate + 1}/${spec.replicates} replicates, ${seconds} s\n`);
    }
  }
  const censored = spec.horizon + checkEvery;
  const open = (values: number[]) => values.filter((v) => v >= censored).length;
  const ratio = pairedRatio(votes.quads, votes.pairs, spec.replicates);
  const minutes = (n: number, cost: number) => ((n * options.pairSeconds * cost) / 60).toFixed(0);
  const perMinute = {
    ratio: ratio.ratio * options.quadCost,
    lo: ratio.lo * options.quadCost,
    hi: ratio.hi * options.quadCost,
  };
  console.log(
    `${spec.name}, ${spec.tuned ? "a tuning world" : "a held-out world"} of the pair sampler, ${seeds} seeds (${spec.replicates} paired replicates, ${spec.horizon} votes, checkpoints every ${checkEvery}; quad voter: ${options.choice} best-worst, ${100 * ALL_BAD_RATE}% all bad)`,
  );
  console.log(
    `  top-3 stable  median votes: pairs ${median(votes.pairs)}, quads ${median(votes.quads)} (not reached by the horizon: ${open(votes.pairs)} / ${open(votes.quads)})`,
  );
  console.log(
    `                voter-minutes at ${options.pairSeconds} s a pair and ${options.quadCost}× that a quad: pairs ${minutes(median(votes.pairs), 1)}, quads ${minutes(median(votes.quads), options.quadCost)}`,
  );
  console.log(
    `                quads/pairs in votes ${formatRatio(ratio)}; in voter-minutes ${formatRatio(perMinute)}; quads are the better use of a minute while a quad costs less than ${(1 / ratio.ratio).toFixed(2)} [${(1 / ratio.hi).toFixed(2)}, ${(1 / ratio.lo).toFixed(2)}] pairs' time`,
  );
}

const { values } = parseArgs({
  options: {
    world: { type: "string", multiple: true },
    replicates: { type: "string" },
    seeds: { type: "string" },
    "check-every": { type: "string", default: String(CHECK_EVERY) },
    choice: { type: "string", default: "sequential" },
    "pair-seconds": { type: "string", default: "20" },
    "quad-cost": { type: "string", default: "2" },
  },
});
const names = values.world ?? DEFAULT_WORLDS;
const worlds = names.map((name) => {
  const spec = SCENARIOS.find((s) => s.name === name);
  if (!spec) throw new Error(`--world: no world named "${name}" (see scripts/bench/sampler-scenarios.ts)`);
  if (spec.newModelAt !== undefined)
    throw new Error(`--world: "${name}" adds a model mid-run, which this bench does not measure`);
  return { ...spec, replicates: values.replicates ? Number(values.replicates) : spec.replicates };
});
const checkEvery = Number(values["check-every"]);
const pairSeconds = Number(values["pair-seconds"]);
const quadCost = Number(values["quad-cost"]);
const choice = values.choice as Choice;
if (
  !["sequential", "plackett-luce"].includes(choice) ||
  !Number.isInteger(checkEvery) ||
  checkEvery <= 0 ||
  !(pairSeconds > 0) ||
  !(quadCost > 0) ||
  !worlds.every((w) => Number.isInteger(w.replicates) && w.replicates > 0)
)
  throw new Error("usage: see the top of scripts/bench/sampler-quad.ts");
const seeds = parseSeedSet(values.seeds);
for (const spec of worlds) runWorld(spec, seeds, checkEvery, { choice, pairSeconds, quadCost });
