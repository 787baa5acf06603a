import { DomainError } from "../errors";
import type { ArenaStore } from "./arena-store";
import { marksBySide, marksOf } from "./failure-marks";
import { notYourBattle } from "./open-battle";
import { type AmendTagsBody, type AmendTagsResponse, QUAD_SIDES, type TagListInput } from "./schemas";

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
 * A quad's vote (issue 32) takes its tags by side a to d and stores them as QuadVoteTag rows;
 * sides of the other kind of battle are a 400 naming the field (`tags.left` on a quad).
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
      clipCId: true,
      clipDId: true,
      size: true,
      vote: { select: { id: true } },
    },
  });
  if (!battle) throw new DomainError("battle_not_found", "There is no such battle.");
  if (battle.voterSessionId !== input.voterSessionId) throw notYourBattle();
  if (!battle.vote) throw new DomainError("not_voted", "This battle has no vote yet; send tags with the vote.");
  // A pair's sides are left and right, a quad's (issue 32) a to d: tags naming the other kind's sides are refused.
  const quad = battle.size === 4;
  const tags: Partial<Record<string, TagListInput>> = input.body.tags;
  const named = Object.keys(tags);
  const wrong = named.find((side) => (quad ? side === "left" || side === "right" : !["left", "right"].includes(side)));
  if (wrong !== undefined) {
    throw new DomainError(
      "invalid_request",
      `tags.${wrong}: not a side of this battle (${quad ? "a to d" : "left or right"}).`,
      { field: `tags.${wrong}`, issue: "wrong_battle_size" },
    );
  }
  if (battle.expiresAt <= now) throw new DomainError("battle_expired", "This battle has expired; load a new one.");
  const later = await db.battle.findFirst({
    where: { voterSessionId: input.voterSessionId, servedAt: { gt: battle.servedAt } },
    select: { id: true },
  });
  if (later) throw new DomainError("tags_closed", "Tags can be changed only until the next battle is loaded.");

  const voteId = battle.vote.id;
  if (quad) {
    if (!battle.clipCId || !battle.clipDId) throw new Error("a quad battle without four clips");
    const { clips } = await store.cache.lookUpClips(db, [
      battle.leftClipId,
      battle.rightClipId,
      battle.clipCId,
      battle.clipDId,
    ]);
    const lengths = Object.fromEntries(QUAD_SIDES.map((side, i) => [side, clips[i]?.deliveredLengthMs ?? 0]));
    const marks = marksOf<(typeof QUAD_SIDES)[number]>(tags, lengths as Record<(typeof QUAD_SIDES)[number], number>);
    await db.$transaction(async (tx) => {
      await tx.quadVoteTag.deleteMany({ where: { voteId } });
      if (marks.length > 0) await tx.quadVoteTag.createMany({ data: marks.map((mark) => ({ voteId, ...mark })) });
    });
    return marksBySide(marks, QUAD_SIDES);
  }
  const {
    clips: [left, right],
  } = await store.cache.lookUpClips(db, [battle.leftClipId, battle.rightClipId]);
  if (!left || !right) throw new Error("a battle without its clips");
  const marks = marksOf<"left" | "right">(tags, {
    left: left.deliveredLengthMs,
    right: right.deliveredLengthMs,
  });
  await db.$transaction(async (tx) => {
    await tx.voteTag.deleteMany({ where: { voteId } });
    if (marks.length > 0) await tx.voteTag.createMany({ data: marks.map((mark) => ({ voteId, ...mark })) });
  });
  return marksBySide(marks, ["left", "right"] as const);
}
