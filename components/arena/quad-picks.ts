import type { QuadSide, QuadVoteBody } from "@/lib/arena/schemas";

/** The voter's choice on a quad so far: the best clip and the worst, each chosen or not yet. */
export interface QuadPicks {
  best: QuadSide | null;
  worst: QuadSide | null;
}

export const NO_PICKS: QuadPicks = { best: null, worst: null };

/**
 * The picks after choosing `side` as the best or the worst, or `refused` when that side already
 * holds the other role: one clip cannot be both the best and the worst (the API answers 400), and
 * the voter is told so rather than having their other choice silently dropped. Choosing the side
 * already in that role again takes it back.
 */
export function pickQuad(
  picks: QuadPicks,
  role: "best" | "worst",
  side: QuadSide,
): { picks: QuadPicks; refused: boolean } {
  const other = role === "best" ? "worst" : "best";
  if (picks[other] === side) return { picks, refused: true };
  return { picks: { ...picks, [role]: picks[role] === side ? null : side }, refused: false };
}

/** The vote body for complete picks (best and worst, two different clips), or null while one is missing. */
export function quadVoteOf(picks: QuadPicks): Pick<QuadVoteBody, "best" | "worst"> | null {
  return picks.best && picks.worst && picks.best !== picks.worst ? { best: picks.best, worst: picks.worst } : null;
}
