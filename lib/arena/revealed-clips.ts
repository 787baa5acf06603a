import type { Db } from "../db/client";
import type { RevealedClip } from "./sampler";

/** Most recent votes of a voter read for the sampler's fresh-clip filter: a bound on the query. */
const RECENT_VOTES = 500;
/**
 * Newest voter sessions of one address read with them: a bound for addresses shared by many
 * voters (a campus NAT), and still every session of a voter who clears the cookie before each of
 * their last 200 battles.
 */
const RECENT_SESSIONS = 200;

/**
 * (prompt, model) combinations whose model this voter has seen revealed, one per side of each of
 * their recent votes (every vote reveals all its models: two on a pair, four on a quad), counting
 * the votes of the newest voter sessions from the same address hash too: a voter who clears the
 * cookie before each battle keeps their address, and so their reveals (issue 25, item 6). The
 * sampler avoids them while fresh clips exist (issue 13, blindness); it is a filter on clips, never a weight, so voters sharing one
 * address (a campus NAT) lose only fresh-clip preference, never battles.
 *
 * Three indexed reads whose cost grows with this address's sessions and votes, never with the
 * table: one `OR` across the session join made SQLite scan every vote on every battle.
 */
export async function loadRevealedClips(db: Db, voterSessionId: string): Promise<RevealedClip[]> {
  const session = await db.voterSession.findUnique({ where: { id: voterSessionId }, select: { addressHash: true } });
  const sameAddress = session?.addressHash
    ? await db.voterSession.findMany({
        where: { addressHash: session.addressHash },
        orderBy: { createdAt: "desc" },
        take: RECENT_SESSIONS,
        select: { id: true },
      })
    : [];
  const votes = await db.vote.findMany({
    where: { voterSessionId: { in: [...new Set([voterSessionId, ...sameAddress.map((s) => s.id)])] } },
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
