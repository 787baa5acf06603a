import { type ProportionInterval, wilsonInterval } from "./wilson-interval";

/** One counted vote as the failure profile reads it. */
export interface TaggedVote {
  modelA: string;
  modelB: string;
  /** True when the voter found both clips bad. */
  bothBad: boolean;
  /** The prompt's categories; the profile also keeps an "overall" row. */
  categories: readonly string[];
  tagsA: readonly string[];
  tagsB: readonly string[];
}

/** One model in one category ("overall" for all votes together). */
export interface FailureProfileRow {
  model: string;
  category: string;
  /** Votes in which this model's clip was shown. */
  shown: number;
  /** Share of those votes that were "both bad", with its 95% Wilson interval. */
  bothBad: ProportionInterval;
  /** Per failure tag: share of shown clips voters tagged with it, with its 95% Wilson interval. */
  tags: Record<string, ProportionInterval>;
}

interface Tally {
  shown: number;
  bothBad: number;
  tags: Map<string, number>;
}

/**
 * Failure rates per model × category × tag: of the votes that showed a model's clip, the share in
 * which the voter tagged that clip with the failure, each with a 95% Wilson score interval
 * (`wilsonInterval`). A vote counts once per side, so a clip tagged twice in one vote counts once.
 * Feed votes with `add`, read the rows with `rows`; memory grows with models × categories × tags,
 * never with votes.
 */
export class FailureProfileAccumulator {
  private readonly tallies = new Map<string, Tally>();

  constructor(private readonly tagList: readonly string[]) {}

  add(vote: TaggedVote): void {
    const once = (tags: readonly string[]) => new Map([...new Set(tags)].map((tag) => [tag, 1]));
    const bothBad = vote.bothBad ? 1 : 0;
    this.addCounts(vote.modelA, vote.categories, 1, bothBad, once(vote.tagsA));
    this.addCounts(vote.modelB, vote.categories, 1, bothBad, once(vote.tagsB));
  }

  /**
   * Adds many votes of one model at once, as a grouped query counts them: `shown` votes showing
   * its clip under a prompt of `categories`, `bothBad` of them "both bad", and per tag the number
   * of those votes whose voter tagged its clip with it (each vote at most once per tag). The same
   * votes give the same rows whether added one by one or counted.
   */
  addCounts(
    model: string,
    categories: readonly string[],
    shown: number,
    bothBad: number,
    tagCounts: ReadonlyMap<string, number>,
  ): void {
    for (const category of ["overall", ...new Set(categories)]) {
      const key = `${model}\u0000${category}`;
      let tally = this.tallies.get(key);
      if (!tally) this.tallies.set(key, (tally = { shown: 0, bothBad: 0, tags: new Map() }));
      tally.shown += shown;
      tally.bothBad += bothBad;
      for (const [tag, n] of tagCounts) tally.tags.set(tag, (tally.tags.get(tag) ?? 0) + n);
    }
  }

  /** Rows sorted by category ("overall" first), then model. Tags outside the list are ignored. */
  rows(): FailureProfileRow[] {
    return [...this.tallies]
      .map(([key, tally]) => {
        const [model = "", category = ""] = key.split("\u0000");
        return {
          model,
          category,
          shown: tally.shown,
          bothBad: wilsonInterval(tally.bothBad, tally.shown),
          tags: Object.fromEntries(
            this.tagList.map((tag) => [tag, wilsonInterval(tally.tags.get(tag) ?? 0, tally.shown)]),
          ),
        };
      })
      .sort(
        (x, y) =>
          Number(y.category === "overall") - Number(x.category === "overall") ||
          x.category.localeCompare(y.category) ||
          x.model.localeCompare(y.model),
      );
  }
}

/** The failure profile of a list of votes (see FailureProfileAccumulator). */
export function computeFailureProfile(votes: Iterable<TaggedVote>, tagList: readonly string[]): FailureProfileRow[] {
  const accumulator = new FailureProfileAccumulator(tagList);
  for (const vote of votes) accumulator.add(vote);
  return accumulator.rows();
}
