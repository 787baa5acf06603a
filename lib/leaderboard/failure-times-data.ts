import { countedVoteSql } from "../counted-vote";
import type { Db } from "../db/client";
import { Prisma } from "../generated/sqlite/client";
import { deliveredLengthMsOf } from "../media/delivery-format";
import { FailureTimeAccumulator, type FailureTimeRow, failureSubjectOf } from "../ratings/failure-times";
import type { QuadAppearances } from "./quad-appearances";

/** Counted votes grouped by prompt, the battle's clips and each side's first marked time and tag counts. */
interface MarkCellRow {
  promptId: string;
  leftModelId: string;
  rightModelId: string;
  leftClipId: string;
  rightClipId: string;
  leftFirstMs: number | bigint | null;
  leftTags: number | bigint;
  rightFirstMs: number | bigint | null;
  rightTags: number | bigint;
  n: number | bigint;
}

const sideColumns = (side: "left" | "right") => {
  // A literal, not a bound value: PostgreSQL compares the "Side" enum with an untyped literal only.
  const match = Prisma.raw(`t."voteId" = v."id" AND t."side" = '${side}'`);
  return Prisma.sql`(SELECT MIN(t."atMs") FROM "VoteTag" t WHERE ${match}) AS "${Prisma.raw(side)}FirstMs",
    (SELECT COUNT(*) FROM "VoteTag" t WHERE ${match}) AS "${Prisma.raw(side)}Tags"`;
};

/**
 * Time to first failure per model slug × category (lib/ratings/failure-times.ts) from the counted
 * votes (`includeFlagged` as countedVoteSql, lib/counted-vote.ts): one subject per clip
 * appearance, its first marked time or censored at the clip's delivered length
 * (deliveredLengthMsOf, the clip's current rendition). Read as one grouped query, so what is read
 * grows with prompts × clip pairs × distinct first times, not with votes. A quad vote's four
 * appearances (`quads`, readQuadAppearances; issue 32) are subjects alike.
 */
export async function computeFailureTimes(
  db: Db,
  filter: { includeFlagged: boolean },
  categoriesOfPrompt: Map<string, string[]>,
  quads: QuadAppearances,
): Promise<FailureTimeRow[]> {
  const [models, clips, cells] = await Promise.all([
    db.model.findMany({ select: { id: true, slug: true } }),
    db.clip.findMany({ select: { id: true, renditionFormat: true, durationMs: true, heldLastFrameMs: true } }),
    db.$queryRaw<MarkCellRow[]>(Prisma.sql`
      SELECT s."promptId", s."leftModelId", s."rightModelId", s."leftClipId", s."rightClipId",
        s."leftFirstMs", s."leftTags", s."rightFirstMs", s."rightTags", COUNT(*) AS "n"
      FROM (
        SELECT v."promptId", v."leftModelId", v."rightModelId", b."leftClipId", b."rightClipId",
          ${sideColumns("left")}, ${sideColumns("right")}
        FROM "Vote" v JOIN "Battle" b ON b."id" = v."battleId"
        WHERE ${countedVoteSql("v", { ...filter, battles: "pairs" })}
      ) s
      GROUP BY s."promptId", s."leftModelId", s."rightModelId", s."leftClipId", s."rightClipId",
        s."leftFirstMs", s."leftTags", s."rightFirstMs", s."rightTags"`),
  ]);
  const slugOf = new Map(models.map((m) => [m.id, m.slug]));
  const lengthOf = new Map(clips.map((c) => [c.id, deliveredLengthMsOf(c)]));
  const times = (first: number | bigint | null, tags: number | bigint) =>
    Number(tags) === 0 ? [] : first === null ? [null] : [Number(first)];
  const accumulator = new FailureTimeAccumulator();
  const add = (
    promptId: string,
    [modelId, clipId, first, tags]: readonly [string, string, number | bigint | null, number | bigint],
    n: number | bigint,
  ) => {
    const model = slugOf.get(modelId);
    const length = lengthOf.get(clipId);
    if (model === undefined || length === undefined) return;
    const subject = failureSubjectOf(times(first, tags), length);
    accumulator.add(model, categoriesOfPrompt.get(promptId) ?? [], subject, Number(n));
  };
  for (const row of cells) {
    add(row.promptId, [row.leftModelId, row.leftClipId, row.leftFirstMs, row.leftTags], row.n);
    add(row.promptId, [row.rightModelId, row.rightClipId, row.rightFirstMs, row.rightTags], row.n);
  }
  for (const row of quads.appearances) add(row.promptId, [row.modelId, row.clipId, row.firstMs, row.tags], row.n);
  return accumulator.rows();
}
