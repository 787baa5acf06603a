import type { ArenaStore } from "./arena-store";

/**
 * Deletes every vote of one voter session, at the voter's own request (issue 31, item 4): a hard
 * delete of the session's Vote rows and their failure tags (VoteTag cascades), so every later
 * export and the next leaderboard recompute leave them out. Only rows whose `voterSessionId` is
 * this session are touched; other voters' votes never are. The battles stay (they hold no
 * opinion, and the sampler's revealed-clip filter reads them) but expire now, so a deleted vote
 * cannot be cast again on the same battle. Frozen dataset releases are never rewritten (README,
 * "Dataset releases"): a vote already in one stays there. Returns how many votes were deleted.
 */
export async function deleteVoterVotes(
  store: Pick<ArenaStore, "db" | "cache">,
  voterSessionId: string,
  now = new Date(),
): Promise<{ deleted: number }> {
  const deleted = await store.db.$transaction(async (tx) => {
    // Battles first, while their votes still mark which ones were voted on.
    await tx.battle.updateMany({
      where: { voterSessionId, vote: { isNot: null }, expiresAt: { gt: now } },
      data: { expiresAt: now },
    });
    return (await tx.vote.deleteMany({ where: { voterSessionId } })).count;
  });
  // The sampler's vote statistics counted these votes: the next ones are tallied afresh.
  if (deleted > 0) store.cache.votesChanged();
  return { deleted };
}
