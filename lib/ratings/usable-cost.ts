import type { TaggedSide, TaggedVote } from "./failure-profile";
import type { PriceRow } from "./price-table";
import { type ProportionInterval, wilsonInterval } from "./wilson-interval";

/**
 * The usable share of a model's shown clips and the cost per usable clip (issue 34).
 *
 * The sample unit is one *clip appearance*: a model's clip shown in one counted battle (a counted
 * vote, lib/counted-vote.ts): a pair shows two, a quad (issue 32) four. An appearance is usable
 * when the voter did not call the battle "both bad" (a quad: "all bad") and put no failure tag on
 * that side (isUsableAppearance). A quad's worst clip is not thereby unusable: worst of four is a
 * ranking, not a failure. The same clip shown in two battles is two appearances, as the failure
 * profile counts them (lib/ratings/failure-profile.ts).
 */
export interface UsableTally {
  /** Counted appearances of the model's clips. */
  shown: number;
  /** Appearances neither voted "both bad" nor tagged with a failure. */
  usable: number;
  /**
   * Sum over the appearances of the prompt's delivered length in seconds, so that
   * `deliveredSeconds / shown` is the mean length of one shown clip.
   */
  deliveredSeconds: number;
}

/** Cost per usable clip in USD with its 95% interval; `ciHigh` null when the usable share's lower bound is 0 (unbounded). */
export interface CostInterval {
  cost: number | null;
  ciLow: number | null;
  ciHigh: number | null;
}

/**
 * Adds one counted appearance (or `count` equal ones): `usable` when neither "both bad" nor tagged
 * on this side; `deliveredMs` is the length the clip was delivered at (its prompt's delivery length).
 */
export function addAppearances(tally: UsableTally, count: number, usable: number, deliveredMs: number): UsableTally {
  tally.shown += count;
  tally.usable += usable;
  tally.deliveredSeconds += (count * deliveredMs) / 1000;
  return tally;
}

/**
 * The usable rule for one appearance: no failure tag on its side and a vote that did not find
 * every clip bad. The leaderboard's grouped queries count the same rule
 * (lib/leaderboard/style-and-failures.ts: shown − all bad − tagged in a vote not all bad).
 */
export const isUsableAppearance = (side: TaggedSide, allBad: boolean): boolean => !allBad && side.tags.length === 0;

/** An empty tally. */
export const emptyUsableTally = (): UsableTally => ({ shown: 0, usable: 0, deliveredSeconds: 0 });

/** Usable share with its 95% Wilson score interval (wilsonInterval, Wilson 1927). */
export function usableShare(tally: Pick<UsableTally, "shown" | "usable">): ProportionInterval {
  return wilsonInterval(tally.usable, tally.shown);
}

/**
 * Cost per usable clip in USD = price of one clip ÷ usable share. The 95% interval divides the same
 * price by the Wilson bounds of the share (a monotone transform of the share's interval, so its
 * coverage is the share's; the price is taken as exact): `ciLow` = price / share.ciHigh, `ciHigh` =
 * price / share.ciLow, open (null) when share.ciLow is 0. All null when the clip price is unknown
 * or nothing was shown; `cost` null (with its interval) when no shown clip was usable.
 * `clipPriceUsd` is the price of one clip of the delivered length (clipPrice).
 */
export function costPerUsableClip(
  clipPriceUsd: number | null,
  tally: Pick<UsableTally, "shown" | "usable">,
): CostInterval {
  if (clipPriceUsd === null || tally.shown === 0) return { cost: null, ciLow: null, ciHigh: null };
  const share = usableShare(tally);
  return {
    cost: share.share > 0 ? clipPriceUsd / share.share : null,
    ciLow: share.ciHigh > 0 ? clipPriceUsd / share.ciHigh : null,
    ciHigh: share.ciLow > 0 ? clipPriceUsd / share.ciLow : null,
  };
}

/** Price of one clip in USD: USD per second × the mean delivered clip length in seconds; null when either is unknown. */
export function clipPrice(pricePerSecondUsd: number | null, clipSeconds: number | null): number | null {
  return pricePerSecondUsd === null || clipSeconds === null ? null : pricePerSecondUsd * clipSeconds;
}

/** Mean delivered length of one shown clip, seconds; null when nothing was shown. */
export const meanClipSeconds = (tally: UsableTally): number | null =>
  tally.shown > 0 ? tally.deliveredSeconds / tally.shown : null;

/** The cost columns of one model in one category; every value null where unknown (never 0 for unknown). */
export interface CostColumns {
  /** USD per second of video in force, with its date (YYYY-MM-DD) and source URL. */
  pricePerSecondUsd: number | null;
  priceDate: string | null;
  priceSource: string | null;
  /** Typical seconds to generate one clip. */
  generationSeconds: number | null;
  /** Counted appearances of the model's clips in the category (the usable share's trials). */
  shown: number;
  /** Share of those not voted "both bad" and without a failure tag, with its 95% Wilson interval. */
  usableShare: number | null;
  usableCiLow: number | null;
  usableCiHigh: number | null;
  /** USD per usable clip with its 95% interval (price of one clip ÷ the usable share and its bounds). */
  costPerUsableClipUsd: number | null;
  costCiLow: number | null;
  costCiHigh: number | null;
}

/**
 * The cost columns from a model's price-table row (facts and mean clip length, lib/ratings/price-table.ts)
 * and its usable counts: the one computation behind the board, the API and `npm run ratings --prices`.
 */
export function costColumnsOf(
  price: Pick<PriceRow, "pricePerSecond" | "generationSeconds" | "clipSeconds"> | undefined,
  tally: Pick<UsableTally, "shown" | "usable"> | undefined,
): CostColumns {
  const share = tally && tally.shown > 0 ? usableShare(tally) : null;
  const perSecond = price?.pricePerSecond?.value ?? null;
  const cost = tally
    ? costPerUsableClip(clipPrice(perSecond, price?.clipSeconds ?? null), tally)
    : { cost: null, ciLow: null, ciHigh: null };
  return {
    pricePerSecondUsd: perSecond,
    priceDate: price?.pricePerSecond?.date || null,
    priceSource: price?.pricePerSecond?.sourceUrl || null,
    generationSeconds: price?.generationSeconds?.value ?? null,
    shown: tally?.shown ?? 0,
    usableShare: share?.share ?? null,
    usableCiLow: share?.ciLow ?? null,
    usableCiHigh: share?.ciHigh ?? null,
    costPerUsableClipUsd: cost.cost,
    costCiLow: cost.ciLow,
    costCiHigh: cost.ciHigh,
  };
}

/** A point to compare: higher `quality` is better, lower `cost` is better. */
export interface FrontierPoint {
  id: string;
  quality: number;
  cost: number;
}

/**
 * The Pareto frontier of rating against cost: the ids of the points that no other point dominates
 * (another point at most as costly and at least as good, strictly better in one). Ties on both
 * keep every tied point. Sorted by cost ascending. O(n log n): sort by cost, then keep each point
 * whose quality beats every cheaper point's.
 */
export function paretoFrontier(points: readonly FrontierPoint[]): string[] {
  const sorted = [...points]
    .filter((p) => Number.isFinite(p.quality) && Number.isFinite(p.cost))
    .sort((a, b) => a.cost - b.cost || b.quality - a.quality);
  const frontier: string[] = [];
  let best = -Infinity;
  let bestCost = NaN;
  for (const p of sorted) {
    if (p.quality > best || (p.quality === best && p.cost === bestCost)) {
      frontier.push(p.id);
      best = p.quality;
      bestCost = p.cost;
    }
  }
  return frontier;
}

/**
 * Usable counts per model × category ("overall" and each category) from votes one by one, as the
 * ratings CLI reads a vote file: each side of a vote (a pair's two, a quad's four) is one
 * appearance, usable by isUsableAppearance — the rule the leaderboard's grouped queries apply
 * (lib/leaderboard/style-and-failures.ts). Feed counted votes only (lib/counted-vote-row.ts).
 */
export class UsableAccumulator {
  private readonly tallies = new Map<string, { shown: number; usable: number }>();

  add(vote: TaggedVote): void {
    for (const side of vote.sides) {
      const usable = isUsableAppearance(side, vote.allBad) ? 1 : 0;
      for (const category of ["overall", ...new Set(vote.categories)]) {
        const key = `${side.model}\u0000${category}`;
        const tally = this.tallies.get(key) ?? { shown: 0, usable: 0 };
        tally.shown += 1;
        tally.usable += usable;
        this.tallies.set(key, tally);
      }
    }
  }

  /** The model's counts in a category; undefined when none of its clips was shown there. */
  get(model: string, category: string): { shown: number; usable: number } | undefined {
    return this.tallies.get(`${model}\u0000${category}`);
  }
}
