import type { Db } from "../db/client";
import { GroupCommit } from "../db/group-commit";
import { insertRowsSql, newRowId } from "../db/insert-rows-sql";
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
    return this.#group.submit({ ...vote, id: newRowId() });
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

const VOTE_COLUMNS = [
  "id",
  "battleId",
  "kind",
  "promptId",
  "leftModelId",
  "rightModelId",
  "voterSessionId",
  "outcome",
  "promptLang",
  "decisionMs",
  "flagged",
  "flagReason",
  "createdAt",
] as const satisfies readonly (keyof StoredVote)[];

function insertVotesSql(votes: StoredVote[]): Prisma.Sql {
  return Prisma.sql`INSERT INTO "Vote" ${insertRowsSql(VOTE_COLUMNS, votes)}
    ON CONFLICT ("battleId") DO NOTHING RETURNING "id"`;
}
