import type { Db } from "../db/client";
import type { RevealedClip } from "./sampler";

/** Most recent votes of a voter read for the sampler's fresh-clip filter: a bound on the query. */
const RECENT_VOTES = 500;

/**
 * (prompt, model) combinations whose model this voter has seen revealed, one per side of each of
 * their recent votes (every vote reveals both models). The sampler avoids them while fresh clips
 * exist (issue 13, blindness); it is a filter on clips, never a weight.
 */
export async function loadRevealedClips(db: Db, voterSessionId: string): Promise<RevealedClip[]> {
  const votes = await db.vote.findMany({
    where: { voterSessionId },
    orderBy: { createdAt: "desc" },
    take: RECENT_VOTES,
    select: { promptId: true, leftModelId: true, rightModelId: true },
  });
  return votes.flatMap(({ promptId, leftModelId, rightModelId }) => [
    { promptId, modelId: leftModelId },
    { promptId, modelId: rightModelId },
  ]);
}
