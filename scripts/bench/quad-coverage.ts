// npm run bench:quad-coverage [-- --arenas N] [--bootstrap N] [--models N] [--spread POINTS]
//   [--sizes 5,30,1000] [--choice sequential|plackett-luce]
// Coverage of the true rating by the 95% intervals from mixed pair and quad votes (issue 32), with
// 95% Wilson intervals of the share, for (a) the published fit, whose bootstrap and sandwich take
// a quad's 5 rank-breaking pairs as one vote, and (b) the naive fit treating them as 5 independent
// pair votes. The world: true ratings Normal(1000, spread); pair votes as in bench:coverage with
// Davidson ties (15% between equal models, a third of them both bad); quad votes by sequential
// best-worst choice (simulateQuads: best by Luce's choice of e^θ, worst of the other three by
// e^−θ; 5% all bad; or, with --choice plackett-luce, the top and bottom of a whole Plackett-Luce
// ranking, where rank breaking is biased). Votes per model (--sizes) counts appearances: a pair
// vote shows 2 models, a quad 4.
import os from "node:os";
import { parseArgs } from "node:util";
import { seededRandom } from "../../lib/random";
import { computeBradleyTerry, PairCellAccumulator } from "../../lib/ratings";
import type { IntervalMethod } from "../../lib/ratings/types";
import { buildPairTable, connectedComponents } from "../../lib/ratings/pairs";
import { addGroupedVote, GroupedVoteAccumulator, rankBreakQuad } from "../../lib/ratings/rank-breaking";
import { buildRatingScale, POINTS_PER_NAT, toDisplayed } from "../../lib/ratings/rating-scale";
import { simulateBattles, simulateQuads } from "../../lib/ratings/simulate";
import { wilsonInterval } from "../../lib/ratings/wilson-interval";

const normal = (random: () => number) => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

interface Setting {
  votesPerModel: number;
  /** Share of votes that are quads. */
  quadShare: number;
  models: number;
  spread: number;
  arenas: number;
  bootstrap: number;
  seed: number;
  choice: "sequential" | "plackett-luce";
}

type Fit = "whole votes" | "naive";
const FITS: readonly [Fit, IntervalMethod][] = [
  ["whole votes", "bootstrap"],
  ["whole votes", "sandwich"],
  ["naive", "bootstrap"],
  ["naive", "sandwich"],
];

/** Covered intervals and all intervals per (fit, interval method), and the mean interval width. */
function measure(setting: Setting): Map<string, { covered: number; total: number; width: number }> {
  const random = seededRandom(setting.seed);
  const tally = new Map(FITS.map(([fit, method]) => [`${fit}|${method}`, { covered: 0, total: 0, width: 0 }]));
  const q = setting.quadShare;
  const votes = Math.max(1, Math.round((setting.votesPerModel * setting.models) / (2 * (1 - q) + 4 * q)));
  for (let arena = 0; arena < setting.arenas; arena += 1) {
    const strengths = Object.fromEntries(
      Array.from({ length: setting.models }, (_, i) => [`m${i}`, 1000 + setting.spread * normal(random)]),
    );
    const quads = Array.from({ length: votes }, () => random() < q).filter(Boolean).length;
    const cells = new PairCellAccumulator();
    for (const battle of simulateBattles(
      { strengths, votes: votes - quads, tieRate: 0.1, bothBadRate: 0.05, tieModel: "davidson" },
      random,
    ))
      cells.add(battle);
    const grouped = new GroupedVoteAccumulator();
    for (const quad of simulateQuads({ strengths, votes: quads, choice: setting.choice }, random)) {
      addGroupedVote(rankBreakQuad(quad), { cells, grouped });
    }
    const rated = cells.toCells();
    if (rated.length === 0) continue;
    const table = buildPairTable(rated);
    const perModel = new Float64Array(table.models.length);
    for (let p = 0; p < table.first.length; p += 1) {
      const n = (table.firstWins[p] as number) + (table.secondWins[p] as number) + (table.ties[p] as number);
      perModel[table.first[p] as number] = (perModel[table.first[p] as number] as number) + n;
      perModel[table.second[p] as number] = (perModel[table.second[p] as number] as number) + n;
    }
    const scale = buildRatingScale(table, connectedComponents(table), perModel);
    const theta = Float64Array.from(table.models.map((m) => ((strengths[m] as number) - 1000) / POINTS_PER_NAT));
    const truth = toDisplayed(theta, scale);
    const groups = grouped.toGroups();
    for (const [fit, method] of FITS) {
      const result = computeBradleyTerry(rated, {
        bootstrap: setting.bootstrap,
        seed: setting.seed * 1000 + arena,
        intervals: method,
        ...(fit === "whole votes" ? { groupedVotes: groups } : {}),
      });
      const t = tally.get(`${fit}|${method}`) as { covered: number; total: number; width: number };
      for (const row of result.rows) {
        const value = truth[table.models.indexOf(row.model)] as number;
        t.total += 1;
        if ((row.ciLow === null || row.ciLow <= value) && (row.ciHigh === null || value <= row.ciHigh)) t.covered += 1;
        if (row.ciLow !== null && row.ciHigh !== null) t.width += row.ciHigh - row.ciLow;
      }
    }
  }
  return tally;
}

const { values } = parseArgs({
  options: {
    arenas: { type: "string", default: "100" },
    bootstrap: { type: "string", default: "300" },
    models: { type: "string", default: "10" },
    spread: { type: "string", default: "120" },
    sizes: { type: "string", default: "5,30,1000" },
    choice: { type: "string", default: "sequential" },
  },
});
const choice = values.choice as Setting["choice"];
const sizes = (values.sizes ?? "").split(",").map(Number);
const [arenas, bootstrap, models, spread] = [values.arenas, values.bootstrap, values.models, values.spread].map(Number);
if (
  ![arenas, bootstrap, models, spread].every((v) => Number.isInteger(v) && (v as number) > 0) ||
  (models as number) < 4 ||
  !sizes.every((v) => Number.isInteger(v) && v > 0) ||
  !["sequential", "plackett-luce"].includes(choice)
) {
  console.error(
    "usage: npm run bench:quad-coverage -- [--arenas N] [--bootstrap N] [--models N ≥ 4] [--spread POINTS] [--sizes 5,30,1000] [--choice sequential|plackett-luce]",
  );
  process.exit(2);
}
const percent = (x: number) => (100 * x).toFixed(1);
console.log(
  `${models} models, true ratings Normal(1000, ${spread}), ${arenas} arenas per row, ${bootstrap} bootstrap rounds, Davidson fit, quads by ${choice} choice; load ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
console.log("votes/model  quad share  fit          intervals  coverage % [95% Wilson]  mean width");
for (const votesPerModel of sizes)
  for (const quadShare of [0.5, 1]) {
    const tally = measure({
      votesPerModel,
      quadShare,
      models: models as number,
      spread: spread as number,
      arenas: arenas as number,
      bootstrap: bootstrap as number,
      seed: votesPerModel + Math.round(100 * quadShare),
      choice,
    });
    for (const [fit, method] of FITS) {
      const { covered, total, width } = tally.get(`${fit}|${method}`) as {
        covered: number;
        total: number;
        width: number;
      };
      const w = wilsonInterval(covered, total);
      console.log(
        [
          String(votesPerModel).padStart(11),
          `${percent(quadShare)}%`.padStart(10),
          fit.padEnd(11),
          method.padEnd(9),
          `${percent(w.share)} [${percent(w.ciLow)}, ${percent(w.ciHigh)}]`.padEnd(24),
          (width / Math.max(1, total)).toFixed(1).padStart(10),
        ].join("  "),
      );
    }
  }
