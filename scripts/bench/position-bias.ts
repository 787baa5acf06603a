// npm run bench:position-bias [-- --arenas N] [--bootstrap N]
// What a left preference does to the published board when sides are drawn at random (issue 27,
// item 4): arenas of 10 models, true ratings Normal(1000, 120), votes on uniformly random pairs,
// each model left by a coin, Davidson ties (10% between equal models) and voters preferring the
// left clip in 50%, 55% or 65% of decisive votes between equal models (P(left | decisive) =
// σ(η_left − η_right + β)). Per setting: how far a left/right term fitted with the models moves
// the board (positionTermEffect: median and largest over arenas), the term it finds, and the
// coverage of the true rating by the published fit's 95% intervals (no term), with its 95% Wilson
// interval.
import os from "node:os";
import { parseArgs } from "node:util";
import { seededRandom } from "../../lib/random";
import { computeBradleyTerry, PairCellAccumulator } from "../../lib/ratings";
import { davidsonProbabilities } from "../../lib/ratings/bt-solver";
import { buildPairTable, connectedComponents } from "../../lib/ratings/pairs";
import { positionTermEffect } from "../../lib/ratings/position-term";
import { buildRatingScale, POINTS_PER_NAT, toDisplayed } from "../../lib/ratings/rating-scale";
import { tallyModels } from "../../lib/ratings/summary";
import { wilsonInterval } from "../../lib/ratings/wilson-interval";

const MODELS = 10;
/** Davidson's ν for 10% ties between equal models: ν / (2 + ν) = 0.1. */
const LOG_NU = Math.log(2 / 9);
const normal = (random: () => number) => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

interface Measured {
  moves: number[];
  terms: number[];
  covered: number;
  intervals: number;
}

function measure(votesPerModel: number, leftShare: number, arenas: number, bootstrap: number, seed: number): Measured {
  const random = seededRandom(seed);
  const beta = Math.log(leftShare / (1 - leftShare));
  const out: Measured = { moves: [], terms: [], covered: 0, intervals: 0 };
  for (let arena = 0; arena < arenas; arena += 1) {
    const names = Array.from({ length: MODELS }, (_, i) => `m${i}`);
    const strength = names.map(() => 1000 + 120 * normal(random));
    const votes = new PairCellAccumulator();
    for (let n = 0; n < Math.round((votesPerModel * MODELS) / 2); n += 1) {
      const i = Math.floor(random() * MODELS);
      let j = Math.floor(random() * (MODELS - 1));
      if (j >= i) j += 1;
      // Sides by a coin, as the arena draws them.
      const [left, right] = random() < 0.5 ? [i, j] : [j, i];
      const eta = ((strength[left] as number) - (strength[right] as number)) / POINTS_PER_NAT + beta;
      const p = davidsonProbabilities(eta, LOG_NU, false);
      const u = random();
      const winner = u < p.win ? "model_a" : u < p.win + p.loss ? "model_b" : "tie";
      votes.add({ modelA: names[left] as string, modelB: names[right] as string, winner });
    }
    const cells = votes.toCells();
    const effect = positionTermEffect(cells);
    // No established model (every one under 20 votes, or open): the arena publishes no move.
    if (effect.moves !== null) out.moves.push(effect.moves);
    out.terms.push(effect.termPoints);
    const table = buildPairTable(cells);
    const tallies = tallyModels(cells);
    const scale = buildRatingScale(
      table,
      connectedComponents(table),
      Float64Array.from(table.models, (m) => tallies.get(m)?.votes ?? 0),
    );
    const truth = toDisplayed(
      Float64Array.from(table.models, (m) => ((strength[names.indexOf(m)] as number) - 1000) / POINTS_PER_NAT),
      scale,
    );
    for (const row of computeBradleyTerry(cells, { bootstrap, seed: seed * 1000 + arena }).rows) {
      const value = truth[table.models.indexOf(row.model)] as number;
      out.intervals += 1;
      if ((row.ciLow === null || row.ciLow <= value) && (row.ciHigh === null || value <= row.ciHigh)) out.covered += 1;
    }
  }
  return out;
}

const { values } = parseArgs({
  options: { arenas: { type: "string", default: "60" }, bootstrap: { type: "string", default: "300" } },
});
const arenas = Number(values.arenas);
const bootstrap = Number(values.bootstrap);
if (![arenas, bootstrap].every((v) => Number.isInteger(v) && v > 0)) {
  console.error("usage: npm run bench:position-bias -- [--arenas N] [--bootstrap N]");
  process.exit(2);
}
const percent = (x: number) => (100 * x).toFixed(1);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
console.log(
  `${MODELS} models, ratings Normal(1000, 120), random sides, 10% Davidson ties, ${arenas} arenas per row, ${bootstrap} bootstrap rounds; load ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
console.log("votes/model  left share  term found (mean)  moves median  moves max  coverage of the published fit %");
for (const votesPerModel of [30, 300, 2000])
  for (const leftShare of [0.5, 0.55, 0.65]) {
    const m = measure(votesPerModel, leftShare, arenas, bootstrap, votesPerModel + Math.round(100 * leftShare));
    const w = wilsonInterval(m.covered, m.intervals);
    console.log(
      [
        String(votesPerModel).padStart(11),
        `${percent(leftShare)}%`.padStart(10),
        mean(m.terms).toFixed(1).padStart(17),
        median(m.moves).toFixed(2).padStart(13),
        Math.max(...m.moves)
          .toFixed(2)
          .padStart(10),
        `${percent(w.share)} [${percent(w.ciLow)}, ${percent(w.ciHigh)}]`,
      ].join("  "),
    );
  }
