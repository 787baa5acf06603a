import type { Db } from "../../lib/db/client";

const DAY_MS = 24 * 3600 * 1000;

/**
 * `count` counted votes written inside SQLite by a few INSERT … SELECT statements (a million take
 * seconds, not the tens of minutes of client-side inserts on a loaded machine): vote i shows a
 * pseudo-random ordered pair of clips of one prompt by two models (an integer hash of i picks it
 * among every such pair), a pseudo-random outcome, 8 s of decision time, and is cast over the
 * last 60 days in order, vote i by voter session ⌊i / 100⌋, all anonymous, none flagged. SQLite
 * only (the benches that call it make SQLite scratch databases); dates are written as Prisma's
 * SQLite adapter writes them (ISO-8601 UTC with milliseconds).
 */
export async function insertCountedVotes(db: Db, count: number): Promise<void> {
  const now = Date.now();
  const first = now - DAY_MS - 60 * DAY_MS;
  const stepMs = (60 * DAY_MS) / Math.max(1, count);
  const iso = (ms: string) => `strftime('%Y-%m-%dT%H:%M:%f+00:00', (${ms}) / 1000.0, 'unixepoch')`;
  // Multiplicative hashes modulo 2^32 (Knuth's 2654435761, xxHash's 2246822519), high bits kept:
  // the low bits of such a product cycle with i.
  const pairHash = "(((n.i * 2654435761) % 4294967296) / 256)";
  const outcomeHash = "(((n.i * 2246822519) % 4294967296) / 16777216)";
  await db.$executeRawUnsafe("DROP TABLE IF EXISTS temp.bench_pair");
  await db.$executeRawUnsafe(`
    CREATE TEMP TABLE bench_pair AS
    SELECT ROW_NUMBER() OVER (ORDER BY l."id", r."id") - 1 AS k, l."promptId" AS promptId,
      l."id" AS leftClipId, r."id" AS rightClipId, l."modelId" AS leftModelId, r."modelId" AS rightModelId
    FROM "Clip" l JOIN "Clip" r ON r."promptId" = l."promptId" AND r."modelId" <> l."modelId"`);
  const numbers = `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ${count})`;
  await db.$executeRawUnsafe(`
    ${numbers.replace("< " + count, `< ${Math.ceil(count / 100)}`)}
    INSERT INTO "VoterSession" ("id", "createdAt") SELECT 'bench-voter-' || n.i, ${iso(String(now))} FROM n`);
  await db.$executeRawUnsafe(`
    ${numbers}, pairs(total) AS (SELECT COUNT(*) FROM temp.bench_pair)
    INSERT INTO "Battle" ("id", "token", "kind", "promptId", "leftClipId", "rightClipId", "voterSessionId",
      "lang", "servedAt", "expiresAt", "withSound")
    SELECT 'bench-' || n.i, 'bench-' || n.i, 'anonymous', p.promptId, p.leftClipId, p.rightClipId,
      'bench-voter-' || (n.i / 100), 'en', ${iso(`${first} + n.i * ${stepMs}`)}, ${iso(`${first} + n.i * ${stepMs}`)}, 0
    FROM n, pairs JOIN temp.bench_pair p ON p.k = ${pairHash} % pairs.total`);
  await db.$executeRawUnsafe(`
    ${numbers}, pairs(total) AS (SELECT COUNT(*) FROM temp.bench_pair)
    INSERT INTO "Vote" ("id", "battleId", "kind", "promptId", "leftModelId", "rightModelId", "voterSessionId",
      "outcome", "decisionMs", "flagged", "excluded", "createdAt")
    SELECT 'bench-vote-' || n.i, 'bench-' || n.i, 'anonymous', p.promptId, p.leftModelId, p.rightModelId,
      'bench-voter-' || (n.i / 100),
      CASE ${outcomeHash} % 4 WHEN 0 THEN 'left' WHEN 1 THEN 'right' WHEN 2 THEN 'tie' ELSE 'both_bad' END,
      8000, 0, 0, ${iso(`${first} + n.i * ${stepMs}`)}
    FROM n, pairs JOIN temp.bench_pair p ON p.k = ${pairHash} % pairs.total`);
  await db.$executeRawUnsafe("DROP TABLE temp.bench_pair");
}
