import type { FailureTag } from "@/lib/arena/failure-tags";
import type { TagListInput } from "@/lib/arena/schemas";
import type { SideKey } from "./battle-sides";

/**
 * The failure tags chosen per side (a pair's left and right, a quad's a to d), and the marked time
 * (ms of the delivered clip) of those marked on a clip's timeline.
 */
export interface ChosenTags {
  tags: Partial<Record<SideKey, FailureTag[]>>;
  times: Partial<Record<SideKey, Partial<Record<FailureTag, number>>>>;
}

export const NO_TAGS: ChosenTags = { tags: {}, times: {} };

/** The tags as the vote and tags endpoints take them: only the sides that have any, a tag with its time when marked. */
export function tagsBody(chosen: ChosenTags): Partial<Record<SideKey, TagListInput>> {
  const body: Partial<Record<SideKey, TagListInput>> = {};
  for (const [side, tags] of Object.entries(chosen.tags) as [SideKey, FailureTag[]][]) {
    if (tags.length === 0) continue;
    body[side] = tags.map((tag) => {
      const atMs = chosen.times[side]?.[tag];
      return atMs === undefined ? tag : { tag, atMs };
    });
  }
  return body;
}

/** `chosen` with `side`'s tags replaced; a tag ticked off loses its time, and `times` (when given) replaces the side's times. */
export function withSideTags(
  chosen: ChosenTags,
  side: SideKey,
  tags: FailureTag[],
  times: Partial<Record<FailureTag, number>> = chosen.times[side] ?? {},
): ChosenTags {
  const kept = Object.fromEntries(Object.entries(times).filter(([tag]) => tags.includes(tag as FailureTag)));
  return { tags: { ...chosen.tags, [side]: tags }, times: { ...chosen.times, [side]: kept } };
}
