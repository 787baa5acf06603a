import { DomainError } from "../errors";
import type { ArenaStore } from "./arena-store";
import { notYourBattle } from "./open-battle";
import type { AmendTagsBody, AmendTagsResponse } from "./schemas";

export interface AmendVoteTagsInput {
  battleId: string;
  /** The request's voter; null (no voter cookie) owns no battle. */
  voterSessionId: string | null;
  body: AmendTagsBody;
  now?: Date;
}

/**
 * Replaces the failure tags of a battle's vote with `body.tags` (issue 28, item 5): a voter may
 * vote with one tap and tag the clips on the reveal. Allowed only to the voter the battle was
 * served to (403 `not_your_battle`), once it has a vote (409 `not_voted`), before it expires
 * (410 `battle_expired`) and before that voter was served another battle (409 `tags_closed`):
 * tags describe what the voter just watched, not a battle they left. The old tags are deleted
 * and the new written in one transaction, so a refused or failed request changes nothing.
 * Returns the tags now stored, by side.
 */
export async function amendVoteTags(store: ArenaStore, input: AmendVoteTagsInput): Promise<AmendTagsResponse> {
  const { db } = store;
  if (!input.voterSessionId) throw notYourBattle();
  const now = input.now ?? new Date();
  const battle = await db.battle.findUnique({
    where: { id: input.battleId },
    select: { voterSessionId: true, servedAt: true, expiresAt: true, vote: { select: { id: true } } },
  });
  if (!battle) throw new DomainError("battle_not_found", "There is no such battle.");
  if (battle.voterSessionId !== input.voterSessionId) throw notYourBattle();
  if (!battle.vote) throw new DomainError("not_voted", "This battle has no vote yet; send tags with the vote.");
  if (battle.expiresAt <= now) throw new DomainError("battle_expired", "This battle has expired; load a new one.");
  const later = await db.battle.findFirst({
    where: { voterSessionId: input.voterSessionId, servedAt: { gt: battle.servedAt } },
    select: { id: true },
  });
  if (later) throw new DomainError("tags_closed", "Tags can be changed only until the next battle is loaded.");

  const voteId = battle.vote.id;
  const left = input.body.tags.left ?? [];
  const right = input.body.tags.right ?? [];
  const rows = [
    ...left.map((tag) => ({ voteId, side: "left" as const, tag })),
    ...right.map((tag) => ({ voteId, side: "right" as const, tag })),
  ];
  await db.$transaction(async (tx) => {
    await tx.voteTag.deleteMany({ where: { voteId } });
    if (rows.length > 0) await tx.voteTag.createMany({ data: rows });
  });
  return { tags: { left, right } };
}
