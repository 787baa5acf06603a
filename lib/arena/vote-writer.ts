import { randomUUID } from "node:crypto";
import type { Db } from "../db/client";
import { GroupCommit } from "../db/group-commit";
import { Prisma, type Vote, type VoteTag } from "../generated/sqlite/client";

/** A vote to store, with the tags its voter put on either clip. */
export type NewVote = Pick<
  Vote,
  | "battleId"
  | "kind"
  | "promptId"
  | "leftModelId"
  | "rightModelId"
  | "voterSessionId"
  | "outcome"
  | "promptLang"
  | "decisionMs"
  | "flagged"
  | "flagReason"
  | "createdAt"
> & { tags: Pick<VoteTag, "side" | "tag">[] };

type StoredVote = NewVote & { id: string };

/** Most votes one statement writes: 13 bound values each stays far below either engine's limit. */
const MAX_GROUP = 256;

/**
 * Writes votes with group commit (lib/db/group-commit.ts): all the votes that arrive in the same
 * event-loop turn are one INSERT, which is what lets one process accept thousands of votes a
 * second. `write` settles once the vote is committed: true, or false when its battle already had
 * a vote — the unique battleId decides that inside the database, so it holds across instances.
 */
export class VoteWriter {
  readonly #group: GroupCommit<StoredVote, boolean>;

  constructor(db: Db) {
    this.#group = new GroupCommit(async (votes) => {
      const written = await insertVotes(db, votes);
      return votes.map((vote) => written.has(vote.id));
    }, MAX_GROUP);
  }

  write(vote: NewVote): Promise<boolean> {
    // Random, and lowercase alphanumeric like the cuids Prisma gives other rows (the id schemas' shape).
    return this.#group.submit({ ...vote, id: randomUUID().replaceAll("-", "") });
  }
}

/** Inserts the votes that do not collide with an existing one, and their tags; returns their ids. */
async function insertVotes(db: Db, votes: StoredVote[]): Promise<Set<string>> {
  if (votes.every((vote) => vote.tags.length === 0)) return idsOf(await db.$queryRaw(insertVotesSql(votes)));
  return db.$transaction(async (tx) => {
    const written = idsOf(await tx.$queryRaw(insertVotesSql(votes)));
    const tags = votes
      .filter((vote) => written.has(vote.id))
      .flatMap((vote) => vote.tags.map((tag) => ({ voteId: vote.id, ...tag })));
    if (tags.length > 0) await tx.voteTag.createMany({ data: tags });
    return written;
  });
}

function idsOf(rows: unknown): Set<string> {
  return new Set((rows as { id: string }[]).map((row) => row.id));
}

// Written in the SQL SQLite and PostgreSQL share (see lib/export/vote-page-sql.ts): values are
// bound, and each driver adapter writes dates and booleans the way Prisma's own queries do.
function insertVotesSql(votes: StoredVote[]): Prisma.Sql {
  const rows = votes.map(
    (v) =>
      Prisma.sql`(${v.id}, ${v.battleId}, ${v.kind}, ${v.promptId}, ${v.leftModelId}, ${v.rightModelId},
        ${v.voterSessionId}, ${v.outcome}, ${v.promptLang}, ${v.decisionMs}, ${v.flagged}, ${v.flagReason}, ${v.createdAt})`,
  );
  return Prisma.sql`
    INSERT INTO "Vote" ("id", "battleId", "kind", "promptId", "leftModelId", "rightModelId",
      "voterSessionId", "outcome", "promptLang", "decisionMs", "flagged", "flagReason", "createdAt")
    VALUES ${Prisma.join(rows)}
    ON CONFLICT ("battleId") DO NOTHING
    RETURNING "id"`;
}
