import { DomainError } from "../errors";
import type { ArenaStore } from "./arena-store";
import { alreadyVoted, battleSkipped, openBattleOrThrow } from "./open-battle";
import type { SkipBody } from "./schemas";

export interface SkipBattleInput {
  battleId: string;
  /** The voter session of the request; null (no valid voter cookie) owns no battle. */
  voterSessionId: string | null;
  body: SkipBody;
  now?: Date;
}

/**
 * Records that the voter skipped a battle instead of voting, with the side whose clip failed to
 * play when the client reports one (operators list those on /admin). A skipped battle never gets
 * a vote, so it is never counted. The battle must be open to this voter (openBattleOrThrow). The
 * update is conditional on "not skipped", so two racing skips record one, and checks for a vote
 * while it holds the battle row, so a skip and a vote sent together never both succeed.
 */
export async function skipBattle(store: ArenaStore, input: SkipBattleInput): Promise<{ skipped: true }> {
  const { db, served } = store;
  const now = input.now ?? new Date();
  const battle = await openBattleOrThrow(store, input.battleId, input.voterSessionId, now);
  const failure = input.body.playbackFailure;
  // A pair's sides are left and right; a quad's (issue 32) a to d, kept in quadPlaybackFailure.
  const pairSide = failure === "left" || failure === "right";
  if (failure !== undefined && pairSide !== (battle.size === 2)) {
    throw new DomainError(
      "invalid_request",
      `playbackFailure: ${failure} is not a side of this battle (${battle.size === 2 ? "left or right" : "a to d"}).`,
      { field: "playbackFailure", issue: "wrong_battle_size" },
    );
  }
  const outcome = await db.$transaction(async (tx) => {
    const { count } = await tx.battle.updateMany({
      where: { id: input.battleId, skippedAt: null },
      data:
        failure === undefined || failure === "left" || failure === "right"
          ? { skippedAt: now, playbackFailure: failure ?? null }
          : { skippedAt: now, quadPlaybackFailure: failure },
    });
    if (count === 0) return "skipped" as const;
    // Read after the UPDATE holds the row: a vote whose transaction claimed it first is visible
    // now (VoteWriter), and one that comes later waits for this transaction and finds the skip.
    const voted = await tx.vote.findUnique({ where: { battleId: input.battleId }, select: { id: true } });
    if (voted) throw alreadyVoted(); // rolls the skip back
    return "recorded" as const;
  });
  // The vote path trusts its in-process copy of a battle: drop it so a later vote reads the row.
  served.forget(input.battleId);
  // Lost a race to another skip between the read and the update.
  if (outcome === "skipped") throw battleSkipped();
  return { skipped: true };
}
