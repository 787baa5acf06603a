import type { Db } from "../../lib/db/client";
import { seededRandom } from "../../lib/random";

const DAY_MS = 24 * 3600 * 1000;
const OUTCOMES = ["left", "right", "tie", "both_bad"] as const;

/** Counted votes written straight to the database over the last 60 days, 100 per voter session. */
export async function insertCountedVotes(db: Db, count: number): Promise<void> {
  const random = seededRandom(1);
  const clips = await db.clip.findMany({ select: { id: true, promptId: true, modelId: true } });
  const now = Date.now();
  for (let done = 0; done < count; done += 1000) {
    const n = Math.min(1000, count - done);
    const sessions = Array.from({ length: Math.ceil(n / 100) }, (_, i) => ({ id: `bench-voter-${done / 100 + i}` }));
    await db.voterSession.createMany({ data: sessions });
    const rows = Array.from({ length: n }, (_, i) => {
      const left = clips[Math.floor(random() * clips.length)]!;
      const others = clips.filter((c) => c.promptId === left.promptId && c.modelId !== left.modelId);
      const right = others[Math.floor(random() * others.length)]!;
      const createdAt = new Date(now - DAY_MS - Math.floor(((count - done - i) / count) * 60 * DAY_MS));
      return { id: `bench-${done + i}`, left, right, createdAt, session: sessions[Math.floor(i / 100)]!.id };
    });
    await db.battle.createMany({
      data: rows.map((r) => ({
        id: r.id,
        token: r.id,
        promptId: r.left.promptId,
        leftClipId: r.left.id,
        rightClipId: r.right.id,
        voterSessionId: r.session,
        lang: "en" as const,
        servedAt: r.createdAt,
        expiresAt: r.createdAt,
      })),
    });
    await db.vote.createMany({
      data: rows.map((r) => ({
        battleId: r.id,
        kind: "anonymous" as const,
        promptId: r.left.promptId,
        leftModelId: r.left.modelId,
        rightModelId: r.right.modelId,
        voterSessionId: r.session,
        outcome: OUTCOMES[Math.floor(random() * 4)]!,
        decisionMs: 8000,
        createdAt: r.createdAt,
      })),
    });
  }
}
