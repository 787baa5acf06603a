import { DomainError } from "../errors";
import type { FailureTag } from "./failure-tags";
import type { TagListInput } from "./schemas";

/** One tag a voter put on one side's clip (a pair's left or right, a quad's a to d), with the marked time when there is one. */
export interface SideMark<S extends string = "left" | "right"> {
  side: S;
  tag: FailureTag;
  /** Milliseconds from the start of the delivered clip; null: tagged without a time. */
  atMs: number | null;
}

/**
 * The marks of a vote or tags body as rows (issue 33), each time checked against the delivered
 * length of that side's clip (lib/media/delivery-format.ts deliveredLengthMsOf): a time past it
 * throws 400 `invalid_request` naming the field (`tags.left.0.atMs`), before anything is written.
 * The schema has already refused negative, fractional and non-numeric times, and any side other
 * than the battle's clips (`left`, `right` on a pair; `a` to `d` on a quad). Sides in the order of
 * `deliveredLengthMs`'s keys.
 */
export function marksOf<S extends string = "left" | "right">(
  tags: Partial<Record<S, TagListInput>> | undefined,
  deliveredLengthMs: Record<S, number>,
): SideMark<S>[] {
  const rows: SideMark<S>[] = [];
  for (const side of Object.keys(deliveredLengthMs) as S[]) {
    (tags?.[side] ?? []).forEach((entry, index) => {
      const mark = typeof entry === "string" ? { tag: entry } : entry;
      const atMs = mark.atMs ?? null;
      if (atMs !== null && atMs > deliveredLengthMs[side]) {
        const field = `tags.${side}.${index}.atMs`;
        throw new DomainError(
          "invalid_request",
          `${field}: ${atMs} ms is past the end of the clip (${deliveredLengthMs[side]} ms).`,
          { field, issue: "too_big" },
        );
      }
      rows.push({ side, tag: mark.tag, atMs });
    });
  }
  return rows;
}

/** The stored marks by side, as the tags endpoint answers them: tags alone and tags with times, for each of `sides`. */
export function marksBySide<S extends string>(rows: readonly SideMark<S>[], sides: readonly S[]) {
  const of = (side: S) => rows.filter((row) => row.side === side);
  return {
    tags: Object.fromEntries(sides.map((side) => [side, of(side).map((row) => row.tag)])) as Record<S, FailureTag[]>,
    marks: Object.fromEntries(sides.map((side) => [side, of(side).map(({ tag, atMs }) => ({ tag, atMs }))])) as Record<
      S,
      { tag: FailureTag; atMs: number | null }[]
    >,
  };
}
