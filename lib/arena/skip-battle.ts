import { ApiError } from "../errors";
import type { ArenaStore } from "./arena-store";
import { alreadyVoted, battleSkipped } from "./cast-vote";
import type { SkipBody } from "./schemas";

export interface SkipBattleInput {
  battleId: string;
  voterSessionId: string;
  body: SkipBody;
  now?: Date;
}

/**
 * Records that the voter skipped a battle instead of voting, with the side whose clip failed to
 * play when the client reports one (operators list those on /admin). A skipped battle never gets
 * a vote, so it is never counted. The battle must exist (404), have been served to this voter
 * (403), not be voted or skipped already (409) and not be expired (410). The update is
 * conditional on "no vote, not skipped", so two racing skips record one.
 */
export async function skipBattle(store: ArenaStore, input: SkipBattleInput): Promise<{ skipped: true }> {
  const { db, served } = store;
  const now = input.now ?? new Date();
  const battle = await db.battle.findUnique({
    where: { id: input.battleId },
    select: { voterSessionId: true, expiresAt: true, skippedAt: true, vote: { select: { id: true } } },
  });
  if (!battle) throw new ApiError(404, "battle_not_found", "There is no such battle.");
  if (battle.voterSessionId !== input.voterSessionId) {
    throw new ApiError(403, "not_your_battle", "This battle was served to another voter.");
  }
  if (battle.vote) throw alreadyVoted();
  if (battle.skippedAt) throw battleSkipped();
  if (battle.expiresAt <= now) throw new ApiError(410, "battle_expired", "This battle has expired; load a new one.");
  const { count } = await db.battle.updateMany({
    where: { id: input.battleId, skippedAt: null, vote: { is: null } },
    data: { skippedAt: now, playbackFailure: input.body.playbackFailure ?? null },
  });
  // The vote path trusts its in-process copy of a battle: drop it so a later vote reads the row.
  served.forget(input.battleId);
  if (count === 0) {
    // Lost a race: a vote or another skip arrived between the read and the update.
    const voted = await db.vote.findUnique({ where: { battleId: input.battleId }, select: { id: true } });
    throw voted ? alreadyVoted() : battleSkipped();
  }
  return { skipped: true };
}
