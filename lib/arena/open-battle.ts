import type { Db } from "../db/client";
import { DomainError } from "../errors";
import type { ArenaStore } from "./arena-store";
import { SERVED_BATTLE_COLUMNS, type ServedBattle } from "./served-battles";

/**
 * The one rule for acting on a battle (a vote or a skip): it must exist (`battle_not_found`), have
 * been served to this voter (`not_your_battle`; a request without a voter session never owns one),
 * have no vote (`already_voted`), not be skipped (`battle_skipped`) and not be expired
 * (`battle_expired`; an expired battle that has its vote answers `already_voted`, the truer
 * answer). Reads nothing when this process served the battle (ServedBattles holds only battles
 * still awaiting their vote); otherwise one read of its row. Races after this check are settled by
 * the writes themselves (VoteWriter's unique battleId, skipBattle's conditional update).
 */
export async function openBattleOrThrow(
  { db, served }: Pick<ArenaStore, "db" | "served">,
  battleId: string,
  voterSessionId: string | null,
  now: Date,
): Promise<ServedBattle> {
  if (!voterSessionId) throw notYourBattle();
  const remembered = served.get(battleId);
  const stored = remembered ? null : await readBattle(db, battleId);
  const battle = remembered ?? stored;
  if (!battle) throw new DomainError("battle_not_found", "There is no such battle.");
  if (battle.voterSessionId !== voterSessionId) throw notYourBattle();
  if (stored?.vote) throw alreadyVoted();
  if (stored?.skippedAt) throw battleSkipped();
  if (battle.expiresAt <= now) {
    served.forget(battleId);
    if (remembered && (await hasVote(db, battleId))) throw alreadyVoted();
    throw new DomainError("battle_expired", "This battle has expired; load a new one.");
  }
  return battle;
}

export function alreadyVoted(): DomainError {
  return new DomainError("already_voted", "This battle already has a vote.");
}

export function battleSkipped(): DomainError {
  return new DomainError("battle_skipped", "This battle was skipped; load a new one.");
}

export function notYourBattle(): DomainError {
  return new DomainError("not_your_battle", "This battle was served to another voter.");
}

/** A battle as stored, with what the in-process copy cannot know: its skip and its vote. */
function readBattle(db: Db, battleId: string) {
  return db.battle.findUnique({
    where: { id: battleId },
    select: { ...SERVED_BATTLE_COLUMNS, skippedAt: true, vote: { select: { id: true } } },
  });
}

async function hasVote(db: Db, battleId: string): Promise<boolean> {
  return (await db.vote.findUnique({ where: { battleId }, select: { id: true } })) !== null;
}
