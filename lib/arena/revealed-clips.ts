import type { Db } from "../db/client";
import { Prisma } from "../generated/sqlite/client";
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
 * One statement of three indexed reads (the voter's address hash, that address's newest sessions,
 * their newest votes) whose cost grows with this address's sessions and votes, never with the
 * table: an `OR` across the session join made SQLite scan every vote on every battle. One raw
 * statement rather than three client queries: each query through Prisma's client costs more CPU
 * than SQLite's work for it (docs/benchmarks.md). A session without an address hash counts only
 * its own votes.
 */
export async function loadRevealedClips(db: Db, voterSessionId: string): Promise<RevealedClip[]> {
  const votes = await db.$queryRaw<RevealedVoteRow[]>(Prisma.sql`
    SELECT v."promptId", v."leftModelId", v."rightModelId", v."modelCId", v."modelDId"
    FROM "Vote" v
    WHERE v."voterSessionId" IN (
      SELECT ${voterSessionId}
      UNION
      SELECT recent."id" FROM (
        SELECT s."id" FROM "VoterSession" s
        WHERE s."addressHash" = (SELECT own."addressHash" FROM "VoterSession" own WHERE own."id" = ${voterSessionId})
          AND s."addressHash" <> ''
        ORDER BY s."createdAt" DESC
        LIMIT ${RECENT_SESSIONS}
      ) recent
    )
    ORDER BY v."createdAt" DESC
    LIMIT ${RECENT_VOTES}`);
  // A quad vote (issue 32) reveals all four of its models.
  return votes.flatMap(({ promptId, leftModelId, rightModelId, modelCId, modelDId }) =>
    [leftModelId, rightModelId, modelCId, modelDId]
      .filter((modelId): modelId is string => modelId !== null)
      .map((modelId) => ({ promptId, modelId })),
  );
}

/** The columns of a vote the filter reads: its prompt and the models it revealed. */
interface RevealedVoteRow {
  promptId: string;
  leftModelId: string;
  rightModelId: string;
  modelCId: string | null;
  modelDId: string | null;
}
