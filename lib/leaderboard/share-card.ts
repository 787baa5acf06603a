import { formatInterval } from "@/lib/interval-text";
import { boardSections, type SectionRow } from "@/lib/leaderboard/board-sections";

/** The languages a share card is drawn in (the site's UI languages). */
export type CardLang = "en" | "zh";

/** Which card a page asks for: a known category slug ("overall" otherwise) and a UI language. */
export interface CardChoice {
  category: string;
  lang: CardLang;
}

/** One line of a leaderboard share card, as the leaderboard page shows that row. */
export interface CardLine {
  rank: number;
  model: string;
  /** Rating rounded to whole points, e.g. "1074". */
  rating: string;
  /**
   * The page's 95% interval relative to the rating, "+19 / −18" (points above / below: rarely
   * symmetric), or, for a provisional row with an open side, the open interval alone ("> 1133").
   */
  interval: string;
  provisional: boolean;
}

/**
 * The card for a query: `category` kept only when it is "overall" or one of `knownSlugs` (an unknown
 * category shows the overall board, as the page does); `lang` "zh" or else "en". Pure.
 */
export function chooseCard(query: { category?: unknown; lang?: unknown }, knownSlugs: readonly string[]): CardChoice {
  const category =
    typeof query.category === "string" && knownSlugs.includes(query.category) ? query.category : "overall";
  return { category, lang: query.lang === "zh" ? "zh" : "en" };
}

/** The card's URL path for a choice: `/leaderboard/card?category=…&lang=…` (overall omitted). */
export function cardPath(choice: CardChoice): string {
  const params = new URLSearchParams();
  if (choice.category !== "overall") params.set("category", choice.category);
  params.set("lang", choice.lang);
  return `/leaderboard/card?${params.toString()}`;
}

/**
 * The first `limit` lines of a card in the page's order (lib/leaderboard/board-sections.ts):
 * the connected groups' rows by rank, then the provisional rows, marked as such. An open side
 * is written as open (lib/interval-text.ts's symbols: "> low", "< high", "±∞").
 */
export function cardLines<Row extends SectionRow & { rank: number; model: string; rating: number }>(
  rows: readonly Row[],
  limit = 6,
): CardLine[] {
  const { groups, provisional } = boardSections(rows);
  const ordered = [...groups.flatMap((g) => g.rows), ...provisional];
  return ordered.slice(0, limit).map((row) => {
    const open = row.ciLow === null || row.ciHigh === null;
    return {
      rank: row.rank,
      model: row.model,
      rating: row.rating.toFixed(0),
      interval: open
        ? formatInterval(row.ciLow, row.ciHigh, 0, "±∞")
        : `+${(row.ciHigh! - row.rating).toFixed(0)} / −${(row.rating - row.ciLow!).toFixed(0)}`,
      provisional: provisional.includes(row),
    };
  });
}

/** One line of a model's share card: its standing in one category, as the model page shows it. */
export interface ModelCardLine {
  /** Category slug, "overall" first. */
  category: string;
  /** Rating rounded to whole points. */
  rating: string;
  /** The model page's 95% interval as a range, "1056–1094", open sides as open ("> 1134"). */
  interval: string;
  rank: number;
  votes: number;
}

/**
 * The lines of a model's share card from its profile ratings (lib/catalog/model-profile.ts), in the
 * profile's order (overall, then the categories), at most `limit`. Pure.
 */
export function modelCardLines(
  ratings: readonly {
    category: string;
    rating: number;
    ciLow: number | null;
    ciHigh: number | null;
    rank: number;
    votes: number;
  }[],
  limit = 5,
): ModelCardLine[] {
  return ratings.slice(0, limit).map((r) => ({
    category: r.category,
    rating: r.rating.toFixed(0),
    interval: formatInterval(r.ciLow, r.ciHigh, 0, "±∞"),
    rank: r.rank,
    votes: r.votes,
  }));
}

/** A model card's URL path: `/models/<slug>/card?lang=…`. */
export function modelCardPath(slug: string, lang: CardLang): string {
  return `/models/${encodeURIComponent(slug)}/card?lang=${lang}`;
}
