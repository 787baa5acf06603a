import type { Db } from "../db/client";
import { GroupCommit } from "../db/group-commit";
import { insertRowsSql, newRowId } from "../db/insert-rows-sql";
import { Prisma, type QuadVoteTag, type Vote, type VoteTag } from "../generated/sqlite/client";

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
> & {
  tags: (Pick<VoteTag, "side" | "tag"> & { atMs?: number | null })[];
  /** On a check battle, whether the vote chose the original (lib/arena/check-battles.ts); null or absent otherwise. */
  checkPassed?: boolean | null;
  /**
   * On a quad battle (issue 32): its size (4), the models of sides c and d, the best and worst
   * sides (null with all_bad) and the tags by side a to d (QuadVoteTag); absent on a pair.
   */
  quad?: Pick<Vote, "modelCId" | "modelDId" | "best" | "worst"> & {
    tags: (Pick<QuadVoteTag, "side" | "tag"> & { atMs: number | null })[];
  };
};

type StoredVote = Omit<NewVote, "quad"> &
  Pick<Vote, "size" | "modelCId" | "modelDId" | "best" | "worst"> & {
    id: string;
    checkPassed: boolean | null;
    quadTags: NonNullable<NewVote["quad"]>["tags"];
  };

/**
 * What became of a vote: stored; refused because its battle already had a vote (`duplicate`); or
 * refused because its battle was skipped (`skipped`, see lib/arena/skip-battle.ts; also when no
 * such battle exists, which castVote has ruled out before writing).
 */
export type VoteWriteResult = "written" | "duplicate" | "skipped";

/** Most votes one statement writes: 19 bound values each stays far below either engine's limit. */
const MAX_GROUP = 256;

/**
 * Writes votes with group commit (lib/db/group-commit.ts): all the votes that arrive in the same
 * event-loop turn are one transaction, which is what lets one process accept thousands of votes a
 * second. `write` settles once the vote is committed, with what became of it (VoteWriteResult).
 * The database decides both refusals, so they hold across instances: the unique battleId stops a
 * second vote, and the battle row claimed in the vote's transaction stops a vote on a skipped one.
 */
export class VoteWriter {
  readonly #group: GroupCommit<StoredVote, VoteWriteResult>;

  constructor(db: Db) {
    this.#group = new GroupCommit(async (votes) => {
      const { claimed, written } = await insertVotes(db, votes);
      return votes.map((vote) =>
        written.has(vote.id) ? "written" : claimed.has(vote.battleId) ? "duplicate" : "skipped",
      );
    }, MAX_GROUP);
  }

  write({ quad, ...vote }: NewVote): Promise<VoteWriteResult> {
    return this.#group.submit({
      ...vote,
      checkPassed: vote.checkPassed ?? null,
      size: quad ? 4 : 2,
      modelCId: quad?.modelCId ?? null,
      modelDId: quad?.modelDId ?? null,
      best: quad?.best ?? null,
      worst: quad?.worst ?? null,
      quadTags: quad?.tags ?? [],
      id: newRowId(),
    });
  }
}

/**
 * Claims the votes' battles that are not skipped, then inserts the votes of claimed battles that
 * do not collide with an existing vote, and their tags. The claim is an UPDATE of the battle row
 * (a no-op write) so that a vote and a skip of one battle exclude each other on both engines: on
 * SQLite writers are serialised; on PostgreSQL the row lock makes a concurrent skip wait for this
 * transaction and then see its vote (skipBattle re-reads after its own conditional UPDATE), or
 * makes this UPDATE wait for the skip and then find `skippedAt` set.
 */
async function insertVotes(db: Db, votes: StoredVote[]): Promise<{ claimed: Set<string>; written: Set<string> }> {
  return db.$transaction(async (tx) => {
    const battleIds = [...new Set(votes.map((vote) => vote.battleId))];
    const claimed = new Set(
      (
        await tx.$queryRaw<{ id: string }[]>`UPDATE "Battle" SET "skippedAt" = NULL
          WHERE "id" IN (${Prisma.join(battleIds)}) AND "skippedAt" IS NULL RETURNING "id"`
      ).map((row) => row.id),
    );
    const claimable = votes.filter((vote) => claimed.has(vote.battleId));
    if (claimable.length === 0) return { claimed, written: new Set<string>() };
    const written = idsOf(await tx.$queryRaw(insertVotesSql(claimable)));
    const stored = claimable.filter((vote) => written.has(vote.id));
    const tags = stored.flatMap((vote) => vote.tags.map((tag) => ({ voteId: vote.id, ...tag })));
    if (tags.length > 0) await tx.voteTag.createMany({ data: tags });
    const quadTags = stored.flatMap((vote) => vote.quadTags.map((tag) => ({ voteId: vote.id, ...tag })));
    if (quadTags.length > 0) await tx.quadVoteTag.createMany({ data: quadTags });
    return { claimed, written };
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
  "checkPassed",
  "size",
  "modelCId",
  "modelDId",
  "best",
  "worst",
  "createdAt",
] as const satisfies readonly (keyof StoredVote)[];

function insertVotesSql(votes: StoredVote[]): Prisma.Sql {
  return Prisma.sql`INSERT INTO "Vote" ${insertRowsSql(VOTE_COLUMNS, votes)}
    ON CONFLICT ("battleId") DO NOTHING RETURNING "id"`;
}
