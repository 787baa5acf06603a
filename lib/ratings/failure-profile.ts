import { type ProportionInterval, wilsonInterval } from "./wilson-interval";

/** One clip a counted vote showed: its model and the failure tags the voter put on it. */
export interface TaggedSide {
  model: string;
  tags: readonly string[];
}

/**
 * One counted vote as the failure profile and the usable share read it: its clip appearances, a
 * pair's two sides (left, right) or a quad's four (a to d, issue 32), each with its own tags.
 * `allBad` is the voter's verdict on every clip shown: "both bad" on a pair, "all bad" on a quad.
 * A quad's best and worst are a ranking, not a verdict on a clip, so they do not enter.
 */
export interface TaggedVote {
  sides: readonly TaggedSide[];
  allBad: boolean;
  /** The prompt's categories; the profile also keeps an "overall" row. */
  categories: readonly string[];
}

/** One model in one category ("overall" for all votes together). */
export interface FailureProfileRow {
  model: string;
  category: string;
  /** Appearances of this model's clip in counted votes (a pair shows two clips, a quad four). */
  shown: number;
  /** Share of those appearances in a vote that found every clip bad ("both bad", a quad's "all bad"), with its 95% Wilson interval. */
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
 * Failure rates per model × category × tag: of the appearances of a model's clip in counted votes,
 * the share the voter tagged with the failure, each with a 95% Wilson score interval
 * (`wilsonInterval`). Each side of a vote is one appearance (a pair's two, a quad's four), so a
 * clip tagged twice in one vote counts once.
 * Feed votes with `add`, read the rows with `rows`; memory grows with models × categories × tags,
 * never with votes.
 */
export class FailureProfileAccumulator {
  private readonly tallies = new Map<string, Tally>();

  constructor(private readonly tagList: readonly string[]) {}

  add(vote: TaggedVote): void {
    const allBad = vote.allBad ? 1 : 0;
    for (const side of vote.sides)
      this.addCounts(side.model, vote.categories, 1, allBad, new Map([...new Set(side.tags)].map((tag) => [tag, 1])));
  }

  /**
   * Adds many appearances of one model at once, as a grouped query counts them: `shown`
   * appearances of its clip under a prompt of `categories`, `bothBad` of them in a vote that found
   * every clip bad, and per tag the number of those appearances tagged with it (each at most once
   * per tag). The same votes give the same rows whether added one by one or counted.
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

/** A pair vote's two sides as a TaggedVote (the vote-file and database shapes of a pair). */
export function taggedPair(vote: {
  modelA: string;
  modelB: string;
  tagsA: readonly string[];
  tagsB: readonly string[];
  allBad: boolean;
  categories: readonly string[];
}): TaggedVote {
  return {
    sides: [
      { model: vote.modelA, tags: vote.tagsA },
      { model: vote.modelB, tags: vote.tagsB },
    ],
    allBad: vote.allBad,
    categories: vote.categories,
  };
}
