import type { countedVoteWhere } from "../counted-vote";
import type { Db } from "../db/client";
import { FailureProfileAccumulator, type FailureProfileRow } from "../ratings/failure-profile";
import {
  type ClipStyle,
  computeStyleControl,
  STYLE_FEATURE_NAMES,
  type StyleControlResult,
  StyledCellTable,
  styleDifferences,
} from "../ratings/style-control";

const VOTE_PAGE = 20_000;

/** The clip properties style control reads, as a battle served them. */
type ServedClip = ClipStyle & { modelId: string };

/**
 * How a battle's clips were played: with sound on both sides when the battle was served with sound
 * (Battle.withSound: only when every clip of its prompt has sound, lib/arena/blind-pool.ts),
 * otherwise both silent, so `audio` is what the voter heard, not what the file holds — the same
 * value the export's audio_a/audio_b carry.
 */
export function servedStyles(left: ServedClip, right: ServedClip, withSound: boolean): [ClipStyle, ClipStyle] {
  return [
    { ...left, audio: withSound },
    { ...right, audio: withSound },
  ];
}

export interface StyleAndFailures {
  /** Style-controlled ratings per category ("overall" and each category), keyed by model slug. */
  style: Map<string, StyleControlResult>;
  /** Failure profile rows per model slug and category ("overall" first). */
  failures: FailureProfileRow[];
}

/**
 * One pass over the counted votes (`where`) with their battles' clips and tags: feeds each vote to
 * the failure profile, and groups votes into style-control cells per category (ordered model pair
 * × the clips' feature differences, so cells grow with clip pairs, never with votes), then fits
 * style control per category.
 */
export async function computeStyleAndFailures(
  db: Db,
  where: ReturnType<typeof countedVoteWhere>,
  categoriesOfPrompt: Map<string, string[]>,
  tagList: readonly string[],
  options: { bootstrap: number; seed: number },
): Promise<StyleAndFailures> {
  const [models, clips] = await Promise.all([
    db.model.findMany({ select: { id: true, slug: true } }),
    db.clip.findMany({
      select: { id: true, modelId: true, durationMs: true, width: true, height: true, frameRate: true, hasAudio: true },
    }),
  ]);
  const slugOf = new Map(models.map((m) => [m.id, m.slug]));
  const clipOf = new Map(clips.map((c): [string, ServedClip] => [c.id, { ...c, audio: c.hasAudio }]));
  const failures = new FailureProfileAccumulator(tagList);
  const cellsByCategory = new Map<string, StyledCellTable>();

  let cursor: string | undefined;
  for (;;) {
    const page = await db.vote.findMany({
      where,
      orderBy: { id: "asc" },
      select: {
        id: true,
        promptId: true,
        leftModelId: true,
        rightModelId: true,
        outcome: true,
        battle: { select: { leftClipId: true, rightClipId: true, withSound: true } },
        tags: { select: { side: true, tag: true } },
      },
      take: VOTE_PAGE,
      ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
    });
    for (const vote of page) {
      const modelA = slugOf.get(vote.leftModelId);
      const modelB = slugOf.get(vote.rightModelId);
      const left = clipOf.get(vote.battle.leftClipId);
      const right = clipOf.get(vote.battle.rightClipId);
      if (!modelA || !modelB || !left || !right) continue;
      const categories = categoriesOfPrompt.get(vote.promptId) ?? [];
      failures.add({
        modelA,
        modelB,
        bothBad: vote.outcome === "both_bad",
        categories,
        tagsA: vote.tags.filter((t) => t.side === "left").map((t) => t.tag),
        tagsB: vote.tags.filter((t) => t.side === "right").map((t) => t.tag),
      });
      const differences = styleDifferences(...servedStyles(left, right, vote.battle.withSound), STYLE_FEATURE_NAMES);
      const winner = vote.outcome === "left" ? "a" : vote.outcome === "right" ? "b" : "tie";
      for (const category of ["overall", ...categories]) {
        let cells = cellsByCategory.get(category);
        if (!cells) cellsByCategory.set(category, (cells = new StyledCellTable()));
        cells.add(modelA, modelB, differences, winner);
      }
    }
    if (page.length < VOTE_PAGE) break;
    cursor = page[page.length - 1]?.id;
  }

  const style = new Map(
    [...cellsByCategory].map(([category, cells]) => [
      category,
      computeStyleControl(cells.toCells(), STYLE_FEATURE_NAMES, options),
    ]),
  );
  return { style, failures: failures.rows() };
}
