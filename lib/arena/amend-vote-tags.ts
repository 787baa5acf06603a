import { DomainError } from "../errors";
import type { ArenaStore } from "./arena-store";
import { marksBySide, marksOf } from "./failure-marks";
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
 * Replaces the failure tags of a battle's vote with `body.tags` (issue 28, item 5), each with its
 * marked time when it has one (issue 33; a time past the clip's delivered length is a 400): a voter may
 * vote with one tap and tag the clips on the reveal. Allowed only to the voter the battle was
 * served to (403 `not_your_battle`), once it has a vote (409 `not_voted`), before it expires
 * (410 `battle_expired`) and before that voter was served another battle (409 `tags_closed`):
 * tags describe what the voter just watched, not a battle they left. The old tags are deleted
 * and the new written in one transaction, so a refused or failed request changes nothing.
 * Returns the tags and marks now stored, by side.
 */
export async function amendVoteTags(store: ArenaStore, input: AmendVoteTagsInput): Promise<AmendTagsResponse> {
  const { db } = store;
  if (!input.voterSessionId) throw notYourBattle();
  const now = input.now ?? new Date();
  const battle = await db.battle.findUnique({
    where: { id: input.battleId },
    select: {
      voterSessionId: true,
      servedAt: true,
      expiresAt: true,
      leftClipId: true,
      rightClipId: true,
      size: true,
      vote: { select: { id: true } },
    },
  });
  if (!battle) throw new DomainError("battle_not_found", "There is no such battle.");
  if (battle.voterSessionId !== input.voterSessionId) throw notYourBattle();
  if (!battle.vote) throw new DomainError("not_voted", "This battle has no vote yet; send tags with the vote.");
  // A quad's tags (issue 32, sides a to d) go with its vote; amending them comes with the quad page.
  if (battle.size !== 2) {
    throw new DomainError("invalid_request", "tags: a quad vote's tags are sent with the vote.", {
      field: "tags",
      issue: "wrong_battle_size",
    });
  }
  if (battle.expiresAt <= now) throw new DomainError("battle_expired", "This battle has expired; load a new one.");
  const later = await db.battle.findFirst({
    where: { voterSessionId: input.voterSessionId, servedAt: { gt: battle.servedAt } },
    select: { id: true },
  });
  if (later) throw new DomainError("tags_closed", "Tags can be changed only until the next battle is loaded.");

  const voteId = battle.vote.id;
  const {
    clips: [left, right],
  } = await store.cache.lookUpClips(db, [battle.leftClipId, battle.rightClipId]);
  if (!left || !right) throw new Error("a battle without its clips");
  const marks = marksOf(input.body.tags, { left: left.deliveredLengthMs, right: right.deliveredLengthMs });
  await db.$transaction(async (tx) => {
    await tx.voteTag.deleteMany({ where: { voteId } });
    if (marks.length > 0) await tx.voteTag.createMany({ data: marks.map((mark) => ({ voteId, ...mark })) });
  });
  return marksBySide(marks);
}
