// Coverage of the true rating by the published 95% intervals, in simulated arenas of known truth:
// shared by `npm run bench:coverage` (full scale) and tests/unit/ratings/tie-coverage.test.ts.
import { seededRandom } from "../../lib/random";
import { aggregateBattles, computeBradleyTerry } from "../../lib/ratings";
import type { TieModel } from "../../lib/ratings/bt-solver";
import { buildPairTable, connectedComponents } from "../../lib/ratings/pairs";
import { buildRatingScale, POINTS_PER_NAT, toDisplayed } from "../../lib/ratings/rating-scale";
import { simulateBattles } from "../../lib/ratings/simulate";

export interface CoverageSetting {
  votesPerModel: number;
  /** Share of ties between equal models (both-bad a third of them). */
  tieShare: number;
  /** "constant": ties whatever the gap; "davidson": likelier between close models. */
  tieWorld: "constant" | "davidson";
  /** The fit under test; "decisive": the plain fit of the decisive votes only (ties dropped). */
  fit: TieModel | "decisive";
  models: number;
  arenas: number;
  /** Standard deviation of the true ratings (points). */
  spread: number;
  bootstrap: number;
  seed: number;
}

export interface CoverageResult {
  covered: number;
  intervals: number;
  /** Observed share of ties among the simulated votes. */
  tieRate: number;
  /** Mean fitted gap over the true gap (slope of fitted on true ratings), 1 when unbiased. */
  gapRatio: number;
}

/** Standard normal draw (Box-Muller). */
function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/**
 * Runs `arenas` simulated arenas of one setting and counts the 95% intervals (an open side holds
 * everything on its side) that hold the true decisive-preference rating on the published scale
 * (the same groups, core and vote weights as the fit: RatingScale).
 */
export function measureCoverage(setting: CoverageSetting): CoverageResult {
  const random = seededRandom(setting.seed);
  let covered = 0;
  let intervals = 0;
  let ties = 0;
  let votesSeen = 0;
  let fittedTimesTrue = 0;
  let trueSquared = 0;
  for (let arena = 0; arena < setting.arenas; arena += 1) {
    const strengths = Object.fromEntries(
      Array.from({ length: setting.models }, (_, i) => [`m${i}`, 1000 + setting.spread * normal(random)]),
    );
    const votes = Math.round((setting.votesPerModel * setting.models) / 2);
    const simulated = aggregateBattles(
      simulateBattles(
        {
          strengths,
          votes,
          tieRate: (2 * setting.tieShare) / 3,
          bothBadRate: setting.tieShare / 3,
          tieModel: setting.tieWorld,
        },
        random,
      ),
    );
    for (const cell of simulated) {
      ties += cell.ties + cell.bothBad;
      votesSeen += cell.winsA + cell.winsB + cell.ties + cell.bothBad;
    }
    const cells = setting.fit === "decisive" ? simulated.map((c) => ({ ...c, ties: 0, bothBad: 0 })) : simulated;
    const table = buildPairTable(cells);
    const perModel = new Float64Array(table.models.length);
    for (let p = 0; p < table.first.length; p += 1) {
      const n = (table.firstWins[p] as number) + (table.secondWins[p] as number) + (table.ties[p] as number);
      perModel[table.first[p] as number] = (perModel[table.first[p] as number] as number) + n;
      perModel[table.second[p] as number] = (perModel[table.second[p] as number] as number) + n;
    }
    const scale = buildRatingScale(table, connectedComponents(table), perModel);
    const theta = Float64Array.from(table.models.map((m) => ((strengths[m] as number) - 1000) / POINTS_PER_NAT));
    const truth = toDisplayed(theta, scale);
    const result = computeBradleyTerry(cells, {
      bootstrap: setting.bootstrap,
      seed: setting.seed * 1000 + arena,
      ties: setting.fit === "decisive" ? "half" : setting.fit,
    });
    for (const row of result.rows) {
      const value = truth[table.models.indexOf(row.model)] as number;
      intervals += 1;
      if ((row.ciLow === null || row.ciLow <= value) && (row.ciHigh === null || value <= row.ciHigh)) covered += 1;
      if (row.ciLow !== null && row.ciHigh !== null) {
        fittedTimesTrue += (row.rating - 1000) * (value - 1000);
        trueSquared += (value - 1000) ** 2;
      }
    }
  }
  return {
    covered,
    intervals,
    tieRate: votesSeen > 0 ? ties / votesSeen : 0,
    gapRatio: trueSquared > 0 ? fittedTimesTrue / trueSquared : Number.NaN,
  };
}
