import { countedVoteSql } from "../counted-vote";
import type { Db } from "../db/client";
import { Prisma } from "../generated/sqlite/client";

/**
 * Counted quad votes' clip appearances (issue 32) grouped by prompt, model, clip, whether the vote
 * was "all bad", and that side's first marked failure time and tag count: what the failure
 * profile, the usable share and time to first failure read of a quad, one row per distinct
 * combination, so what is read grows with prompts × clips × distinct first times, not with votes.
 */
export interface QuadAppearanceRow {
  promptId: string;
  modelId: string;
  clipId: string;
  allBad: boolean;
  /** Earliest marked time of the side's tags (ms of the delivered clip); null when none is timed. */
  firstMs: number | null;
  /** Tags on the side (QuadVoteTag rows; each tag at most once per side). */
  tags: number;
  n: number;
}

/** Tags on counted quad votes' clips, per prompt, the tagged clip's model and tag. */
export interface QuadTagRow {
  promptId: string;
  modelId: string;
  tag: string;
  n: number;
}

export interface QuadAppearances {
  appearances: QuadAppearanceRow[];
  tags: QuadTagRow[];
}

/** A row as the drivers return it: counts and the 0/1 flag as number or bigint (PostgreSQL's COUNT). */
type Counted<T, K extends keyof T> = Omit<T, K> & { [P in K]: number | bigint | (null extends T[P] ? null : never) };

/** No quad vote: what a pair-only database gives (narrowBattles), read without a query. */
export const NO_QUAD_APPEARANCES: QuadAppearances = { appearances: [], tags: [] };

/** A quad's sides a to d: the vote's model column and the battle's clip column of each (prisma/schema.prisma). */
const SIDES = [
  ["a", "leftModelId", "leftClipId"],
  ["b", "rightModelId", "rightClipId"],
  ["c", "modelCId", "clipCId"],
  ["d", "modelDId", "clipDId"],
] as const;

/**
 * Reads the counted quad votes (`includeFlagged` as countedVoteSql, `battles: "quads"`) as
 * appearances: one SELECT per side joined by UNION ALL, then grouped. Sides, columns and enum
 * values are literals of this module (PostgreSQL compares an enum with an untyped literal only).
 */
export async function readQuadAppearances(db: Db, filter: { includeFlagged: boolean }): Promise<QuadAppearances> {
  const counted = countedVoteSql("v", { ...filter, battles: "quads" });
  const perSide = (select: (side: string, model: string, clip: string) => Prisma.Sql) =>
    Prisma.join(
      SIDES.map(([side, model, clip]) => select(side, model, clip)),
      " UNION ALL ",
    );
  const [appearances, tags] = await Promise.all([
    db.$queryRaw<Counted<QuadAppearanceRow, "allBad" | "firstMs" | "tags" | "n">[]>(Prisma.sql`
      SELECT s."promptId", s."modelId", s."clipId", s."allBad", s."firstMs", s."tags", COUNT(*) AS "n"
      FROM (${perSide((side, model, clip) => {
        const match = Prisma.raw(`t."voteId" = v."id" AND t."side" = '${side}'`);
        return Prisma.sql`SELECT v."promptId", ${Prisma.raw(`v."${model}"`)} AS "modelId",
          ${Prisma.raw(`b."${clip}"`)} AS "clipId",
          CASE WHEN v."outcome" = 'all_bad' THEN 1 ELSE 0 END AS "allBad",
          (SELECT MIN(t."atMs") FROM "QuadVoteTag" t WHERE ${match}) AS "firstMs",
          (SELECT COUNT(*) FROM "QuadVoteTag" t WHERE ${match}) AS "tags"
          FROM "Vote" v JOIN "Battle" b ON b."id" = v."battleId" WHERE ${counted}`;
      })}) s
      GROUP BY s."promptId", s."modelId", s."clipId", s."allBad", s."firstMs", s."tags"`),
    db.$queryRaw<Counted<QuadTagRow, "n">[]>(Prisma.sql`
      SELECT s."promptId", s."modelId", s."tag", COUNT(*) AS "n"
      FROM (${perSide(
        (side, model) => Prisma.sql`SELECT v."promptId", ${Prisma.raw(`v."${model}"`)} AS "modelId", t."tag"
          FROM "QuadVoteTag" t JOIN "Vote" v ON v."id" = t."voteId"
          WHERE ${Prisma.raw(`t."side" = '${side}'`)} AND ${counted}`,
      )}) s
      GROUP BY s."promptId", s."modelId", s."tag"`),
  ]);
  return {
    appearances: appearances.map((row) => ({
      ...row,
      allBad: Number(row.allBad) === 1,
      firstMs: row.firstMs === null ? null : Number(row.firstMs),
      tags: Number(row.tags),
      n: Number(row.n),
    })),
    tags: tags.map((row) => ({ ...row, n: Number(row.n) })),
  };
}
