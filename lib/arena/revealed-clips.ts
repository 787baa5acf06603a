import type { Db } from "../db/client";
import type { RevealedClip } from "./sampler";

/** Most recent votes of a voter read for the sampler's fresh-clip filter: a bound on the query. */
const RECENT_VOTES = 500;

/**
 * (prompt, model) combinations whose model this voter has seen revealed, one per side of each of
 * their recent votes (every vote reveals all its models: two on a pair, four on a quad), counting the votes of every voter session
 * from the same address hash too: a voter who clears the cookie before each battle keeps their
 * address, and so their reveals (issue 25, item 6). The sampler avoids them while fresh clips
 * exist (issue 13, blindness); it is a filter on clips, never a weight, so voters sharing one
 * address (a campus NAT) lose only fresh-clip preference, never battles.
 */
export async function loadRevealedClips(db: Db, voterSessionId: string): Promise<RevealedClip[]> {
  const session = await db.voterSession.findUnique({ where: { id: voterSessionId }, select: { addressHash: true } });
  const votes = await db.vote.findMany({
    where: session?.addressHash
      ? { OR: [{ voterSessionId }, { voterSession: { addressHash: session.addressHash } }] }
      : { voterSessionId },
    orderBy: { createdAt: "desc" },
    take: RECENT_VOTES,
    select: { promptId: true, leftModelId: true, rightModelId: true, modelCId: true, modelDId: true },
  });
  // A quad vote (issue 32) reveals all four of its models.
  return votes.flatMap(({ promptId, leftModelId, rightModelId, modelCId, modelDId }) =>
    [leftModelId, rightModelId, modelCId, modelDId]
      .filter((modelId): modelId is string => modelId !== null)
      .map((modelId) => ({ promptId, modelId })),
  );
}
