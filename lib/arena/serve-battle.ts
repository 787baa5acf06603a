import { randomBytes } from "node:crypto";
import { DomainError } from "../errors";
import type { Random } from "../random";
import { type ArenaStore, recordBattle } from "./arena-store";
import { pickCheckBattle } from "./check-battles";
import { loadRevealedClips } from "./revealed-clips";
import { sampleBattle } from "./sampler";
import type { BattleResponse } from "./schemas";
import { promptText } from "../prompt-text";

/** How long a served battle accepts its vote. Long enough to rewatch both clips many times. */
export const BATTLE_TTL_MS = 30 * 60 * 1000;

export interface ServeBattleInput {
  voterSessionId: string;
  category?: string;
  lang: "zh" | "en";
  random: Random;
  /** Serve a check battle (lib/arena/check-battles.ts) 1 in this many times (CHECK_BATTLE_EVERY); absent or 0: never. */
  checkEvery?: number;
  now?: Date;
}

/** Media URLs of a battle: opaque, per battle, and the same shape for every model. */
export function battleMediaUrls(token: string, hasImage: boolean) {
  return {
    left: `/media/${token}/a`,
    right: `/media/${token}/b`,
    image: hasImage ? `/media/${token}/image` : undefined,
  };
}

/**
 * Picks a pair with the sampler, records the battle for this voter and returns what the voter may
 * see before voting: prompt text, opaque media URLs of the same shape for both sides, one length
 * and one sound flag for the whole battle, both facts of the prompt (lib/arena/blind-pool.ts), so
 * nothing in the answer differs by side or names a model. A share of battles are checks
 * (`checkEvery`, lib/arena/check-battles.ts), answered in exactly the same shape. Throws 404 `unknown_category` and
 * `no_battle_available`.
 */
export async function serveBattle(store: ArenaStore, input: ServeBattleInput): Promise<BattleResponse> {
  const { db } = store;
  const now = input.now ?? new Date();
  if (input.category && !(await db.category.findUnique({ where: { slug: input.category }, select: { id: true } }))) {
    throw new DomainError("unknown_category", `There is no category "${input.category}".`);
  }
  const [prompts, stats, previous, revealed] = await Promise.all([
    store.cache.loadServablePrompts(db, input.category, now.getTime()),
    store.cache.loadVoteStats(db, now.getTime()),
    db.battle.findFirst({
      where: { voterSessionId: input.voterSessionId },
      orderBy: { servedAt: "desc" },
      select: { leftClipId: true, rightClipId: true },
    }),
    loadRevealedClips(db, input.voterSessionId),
  ]);
  const previousClips = previous
    ? (await store.cache.lookUpClips(db, [previous.leftClipId, previous.rightClipId])).clips
    : null;
  const sampled = sampleBattle(
    {
      prompts,
      posterior: stats.posterior,
      revealed,
      previousPair: previousClips ? [previousClips[0]!.modelId, previousClips[1]!.modelId] : undefined,
    },
    input.random,
  );
  if (!sampled) throw new DomainError("no_battle_available", "No prompt has clips from two active models yet.");

  const { index } = await store.cache.lookUpClips(db, [sampled.left.id, sampled.right.id]);
  const prompt = index.prompts.get(sampled.promptId);
  const playback = prompts.find((candidate) => candidate.id === sampled.promptId);
  if (!playback) throw new Error("the sampler drew a prompt outside the pool");
  // A share of battles become checks: the same prompt, one of the drawn clips against its twin.
  const check = pickCheckBattle(sampled, playback.checkTwins, input.checkEvery ?? 0, input.random);
  const token = randomBytes(18).toString("base64url");
  const expiresAt = new Date(now.getTime() + BATTLE_TTL_MS);
  const battleId = await recordBattle(store, {
    token,
    kind: "anonymous",
    promptId: sampled.promptId,
    leftClipId: check ? check.clipId : sampled.left.id,
    rightClipId: check ? check.clipId : sampled.right.id,
    voterSessionId: input.voterSessionId,
    lang: input.lang,
    category: input.category ?? null,
    servedAt: now,
    expiresAt,
    withSound: playback.withSound,
    checkTwinSide: check?.twinSide ?? null,
    checkTwinId: check?.twinId ?? null,
  });
  const { text, lang } = prompt ? promptText(prompt, input.lang) : { text: "", lang: input.lang };
  const urls = battleMediaUrls(token, Boolean(prompt?.imageKey));
  return {
    battleId,
    prompt: urls.image ? { text, lang, imageUrl: urls.image } : { text, lang },
    left: { clipUrl: urls.left },
    right: { clipUrl: urls.right },
    durationMs: playback.durationMs,
    withSound: playback.withSound,
    expiresAt: expiresAt.toISOString(),
  };
}
