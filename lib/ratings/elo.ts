import { seededRandom } from "../random";
import { PairCellAccumulator } from "./aggregate";
import { computeBradleyTerry } from "./bradley-terry";
import { buildPairTable, connectedComponents } from "./pairs";
import { quantile, summarise } from "./summary";
import { BASE, INITIAL_RATING, type RatedBattle, type RatingsResult, SCALE, type Winner } from "./types";

export interface EloOptions {
  /** Update size per vote (default 4, as LMArena's online Elo). */
  k?: number;
  /** Bootstrap rounds: each replays a with-replacement resample of the votes in random order (default 100). */
  bootstrap?: number;
  seed?: number;
}

const NATS_PER_POINT = Math.log(BASE) / SCALE;

const SCORE: Record<Winner, number> = { model_a: 1, model_b: 0, tie: 0.5, "tie (bothbad)": 0.5 };

/** Votes packed into typed arrays: the replay touches each vote once per round. */
interface PackedVotes {
  models: string[];
  a: Int32Array;
  b: Int32Array;
  scoreA: Float32Array;
}

function pack(battles: Iterable<RatedBattle>, accumulator: PairCellAccumulator): PackedVotes {
  const index = new Map<string, number>();
  const id = (m: string) => index.get(m) ?? (index.set(m, index.size), index.size - 1);
  const a: number[] = [];
  const b: number[] = [];
  const s: number[] = [];
  for (const battle of battles) {
    accumulator.add(battle);
    a.push(id(battle.modelA));
    b.push(id(battle.modelB));
    s.push(SCORE[battle.winner]);
  }
  return { models: [...index.keys()], a: Int32Array.from(a), b: Int32Array.from(b), scoreA: Float32Array.from(s) };
}

function replay(votes: PackedVotes, k: number, order: (n: number) => number): Float64Array {
  const ratings = new Float64Array(votes.models.length).fill(INITIAL_RATING);
  for (let n = 0; n < votes.a.length; n += 1) {
    const v = order(n);
    const a = votes.a[v] as number;
    const b = votes.b[v] as number;
    const expectedA = 1 / (1 + Math.exp(((ratings[b] as number) - (ratings[a] as number)) * NATS_PER_POINT));
    const delta = k * ((votes.scoreA[v] as number) - expectedA);
    ratings[a] = (ratings[a] as number) + delta;
    ratings[b] = (ratings[b] as number) - delta;
  }
  return ratings;
}

/**
 * Online Elo in vote order (base 10, 400 points, start 1000), the secondary view. With bootstrap
 * rounds, as LMArena's notebook reported it, the rating is the median of replays of
 * with-replacement resamples of the votes in random order and the interval their 2.5–97.5%
 * percentiles, so the rating always lies inside its interval; they show how much the result
 * depends on which votes arrived and in what order. Without rounds the rating is the single replay
 * in vote order. Each side is then widened to at least the half-a-win Bradley-Terry fit's
 * half-width on that side (profile likelihood with the exact bound of a one-sided record), and is
 * open (null) where that fit's is: resampling 10 identical wins replays the same ratings, so the
 * bootstrap alone would give a zero-width interval. Groups are the connected components of the votes.
 */
export function computeElo(battles: Iterable<RatedBattle>, options: EloOptions = {}): RatingsResult {
  const k = options.k ?? 4;
  const bootstrap = options.bootstrap ?? 100;
  const seed = options.seed ?? 42;
  const accumulator = new PairCellAccumulator();
  const votes = pack(battles, accumulator);
  const cells = accumulator.toCells();
  const components = connectedComponents(buildPairTable(cells));
  const group = new Map(components.flatMap((names, g) => names.map((m) => [m, g] as const)));
  const total = votes.a.length;
  const rounds = total > 0 ? bootstrap : 0;
  const point = replay(votes, k, (n) => n);
  const random = seededRandom(seed);
  const samples = votes.models.map(() => new Float64Array(rounds));
  for (let round = 0; round < rounds; round += 1) {
    const ratings = replay(votes, k, () => Math.floor(random() * total));
    ratings.forEach((r, i) => ((samples[i] as Float64Array)[round] = r));
  }
  // The half-a-win Bradley-Terry fit of the same votes (the model Elo's updates estimate): its open
  // sides and its profile-likelihood half-widths are the least an Elo interval may claim.
  const reference = new Map(
    computeBradleyTerry(cells, { bootstrap: 0, ties: "half" }).rows.map((row) => [row.model, row]),
  );
  const ratings = new Map(
    votes.models.map((model, i) => {
      const sorted = rounds > 0 ? (samples[i] as Float64Array).sort() : null;
      const rating = sorted ? quantile(sorted, 0.5) : (point[i] as number);
      const bt = reference.get(model);
      const below = bt && bt.ciLow !== null ? bt.rating - bt.ciLow : 0;
      const above = bt && bt.ciHigh !== null ? bt.ciHigh - bt.rating : 0;
      const low = Math.min(sorted ? quantile(sorted, 0.025) : rating, rating - below);
      const high = Math.max(sorted ? quantile(sorted, 0.975) : rating, rating + above);
      return [
        model,
        {
          rating,
          ciLow: bt && bt.ciLow === null ? null : low,
          ciHigh: bt && bt.ciHigh === null ? null : high,
          group: group.get(model) ?? 0,
        },
      ];
    }),
  );
  return {
    method: "elo",
    ...summarise(cells, ratings),
    components,
    warnings: [],
    params: { bootstrap, seed, k },
  };
}
