import { type Battle, Prisma, type QuadVoteTag, type Vote, type VoteTag } from "../generated/sqlite/client";
import { countedVoteSql, demoApartSql, notCheckVoteSql } from "../counted-vote";
import { type PageEnd, votesAfterSql } from "../db/vote-keyset";

export type { PageEnd };
import type { ExportFilter } from "./export-query";

// The vote export's SQL, the one place it lives. It is written in the subset SQLite and
// PostgreSQL share, so no statement needs a per-engine branch: identifiers are double-quoted
// (Prisma keeps the camelCase column names on both), values are bound through `Prisma.sql`
// (which renders `?` or `$n` for the client's engine), and dates and booleans are bound as Date
// and boolean, which each driver adapter writes the way Prisma's own queries do (ISO-8601 text
// and 0/1 on SQLite, timestamp(3) and boolean on PostgreSQL), so comparisons select what a
// `findMany` filter would. Raw results come back typed per column on both engines.

/** One vote of an export page, with its battle's clips; tags are read separately. */
export type VotePageRow = Pick<
  Vote,
  | "id"
  | "createdAt"
  | "kind"
  | "promptId"
  | "leftModelId"
  | "rightModelId"
  | "voterSessionId"
  | "outcome"
  | "decisionMs"
  | "flagged"
  | "flagReason"
  | "excluded"
  | "recognitionAnsweredAt"
  | "recognisedModelId"
  | "recognitionCandidates"
  | "recognisedCorrectly"
  | "size"
  | "modelCId"
  | "modelDId"
  | "best"
  | "worst"
> &
  Pick<Battle, "leftClipId" | "rightClipId" | "clipCId" | "clipDId" | "withSound">;

/** One tag a voter put on a clip of a vote: a pair's left or right, or a quad's a to d (QuadVoteTag). */
export type VoteTagRow = Pick<VoteTag, "voteId" | "tag" | "atMs"> & { side: VoteTag["side"] | QuadVoteTag["side"] };

/** The WHERE conditions (on alias `v`) for an export query's filters; every value is bound. */
export function exportFilterSql(query: ExportFilter): Prisma.Sql {
  const conditions: Prisma.Sql[] = [];
  // A vote file keeps named votes (marked in battle_kind); without includeFlagged it holds only
  // votes that are neither flagged nor excluded.
  // Pair and quad votes alike (issue 32): a vote file carries both, told apart by battle_kind.
  if (!query.includeFlagged) conditions.push(countedVoteSql("v", { includeNamed: true, battles: "all" }));
  // Votes on check battles never reach a vote file, flagged or not, nor do the demo's votes once
  // real clips are live (lib/counted-vote.ts).
  else conditions.push(notCheckVoteSql("v"), demoApartSql("v"));
  if (query.category) {
    conditions.push(Prisma.sql`EXISTS (
      SELECT 1 FROM "PromptCategory" pc JOIN "Category" c ON c."id" = pc."categoryId"
      WHERE pc."promptId" = v."promptId" AND c."slug" = ${query.category})`);
  }
  if (query.model) {
    // An unknown slug yields NULL, which matches no vote.
    conditions.push(
      Prisma.sql`(SELECT m."id" FROM "Model" m WHERE m."slug" = ${query.model}) IN (v."leftModelId", v."rightModelId", v."modelCId", v."modelDId")`,
    );
  }
  if (query.from) conditions.push(Prisma.sql`v."createdAt" >= ${query.from}`);
  if (query.to) conditions.push(Prisma.sql`v."createdAt" <= ${query.to}`);
  return conditions.length ? Prisma.join(conditions, " AND ") : Prisma.sql`1 = 1`;
}

/** Counts the votes a filter selects; the count comes back as `n` (bigint on PostgreSQL). */
export function countVotesSql(filter: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`SELECT COUNT(*) AS "n" FROM "Vote" v WHERE ${filter}`;
}

/** The next `limit` votes a filter selects after `after` (from the start when null), in (createdAt, id) order. */
export function votePageSql(filter: Prisma.Sql, after: PageEnd | null, limit: number): Prisma.Sql {
  return Prisma.sql`
    SELECT v."id", v."createdAt", v."kind", v."promptId", v."leftModelId", v."rightModelId",
      v."voterSessionId", v."outcome", v."decisionMs", v."flagged", v."flagReason", v."excluded",
      v."recognitionAnsweredAt", v."recognisedModelId", v."recognitionCandidates", v."recognisedCorrectly",
      v."size", v."modelCId", v."modelDId", v."best", v."worst",
      b."leftClipId", b."rightClipId", b."clipCId", b."clipDId", b."withSound"
    FROM "Vote" v JOIN "Battle" b ON b."id" = v."battleId"
    WHERE ${filter} ${after ? Prisma.sql`AND ${votesAfterSql(after)}` : Prisma.empty}
    ORDER BY v."createdAt", v."id"
    LIMIT ${limit}`;
}

/**
 * The tags of the page `votePageSql` returned for the same filter and `after`, ending at `last`:
 * the same keyset range, so no list of ids has to be bound (thousands of parameters cost more
 * than the join). `table` is VoteTag (a pair's tags) or QuadVoteTag (a quad's, issue 32).
 */
export function votePageTagsSql(
  filter: Prisma.Sql,
  after: PageEnd | null,
  last: PageEnd,
  table: "VoteTag" | "QuadVoteTag" = "VoteTag",
): Prisma.Sql {
  return Prisma.sql`
    SELECT t."voteId", t."side", t."tag", t."atMs"
    FROM ${Prisma.raw(`"${table}"`)} t JOIN "Vote" v ON v."id" = t."voteId"
    WHERE ${filter} ${after ? Prisma.sql`AND ${votesAfterSql(after)}` : Prisma.empty}
      AND v."createdAt" <= ${last.createdAt} AND (v."createdAt" < ${last.createdAt} OR v."id" <= ${last.id})`;
}
