import { Prisma } from "../generated/sqlite/client";

/** Where the previous page ended: the last vote's position in (createdAt, id) order. */
export interface PageEnd {
  createdAt: Date;
  id: string;
}

/**
 * Votes (alias `v`) after `after` in (createdAt, id) order, written so both engines can seek the
 * createdAt index: the keyset condition of every paged vote read.
 */
export function votesAfterSql(after: PageEnd): Prisma.Sql {
  return Prisma.sql`v."createdAt" >= ${after.createdAt} AND (v."createdAt" > ${after.createdAt} OR v."id" > ${after.id})`;
}
