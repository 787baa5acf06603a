import { randomBytes } from "node:crypto";
import type { Db } from "../db/client";
import { DomainError } from "../errors";
import { Prisma } from "../generated/sqlite/client";
import type { Random } from "../random";
import { type ArenaStore, recordBattle } from "./arena-store";
import { servesQuads } from "./blind-pool";
import { pickCheckBattle } from "./check-battles";
import { loadRevealedClips } from "./revealed-clips";
import { sampleBattle, sampleQuad } from "./sampler";
import type { BattleResponse, QuadBattleResponse } from "./schemas";
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

/** The four clip URLs of a quad battle, sides a to d: the pair's two slots and two more of the same shape. */
export function quadMediaUrls(token: string) {
  return {
    a: { clipUrl: `/media/${token}/a` },
    b: { clipUrl: `/media/${token}/b` },
    c: { clipUrl: `/media/${token}/c` },
    d: { clipUrl: `/media/${token}/d` },
  };
}

/**
 * The clips of the voter's latest battle, or null: the sampler avoids repeating its pair. A raw
 * statement (index on voterSessionId, servedAt): through the client's model layer the query cost
 * more CPU than SQLite's work for it (docs/benchmarks.md).
 */
async function loadPreviousBattle(db: Db, voterSessionId: string) {
  const [previous] = await db.$queryRaw<{ leftClipId: string; rightClipId: string }[]>(Prisma.sql`
    SELECT "leftClipId", "rightClipId" FROM "Battle"
    WHERE "voterSessionId" = ${voterSessionId} ORDER BY "servedAt" DESC LIMIT 1`);
  return previous ?? null;
}

/** The category named, checked: 404 `unknown_category` when there is none. */
async function checkCategory(store: ArenaStore, category: string | undefined): Promise<void> {
  if (category && !(await store.db.category.findUnique({ where: { slug: category }, select: { id: true } }))) {
    throw new DomainError("unknown_category", `There is no category "${category}".`);
  }
}

/** The prompt's text in the voter's language and its start-image URL, as every battle shows them. */
function shownPrompt(
  prompt: { textZh: string | null; textEn: string | null; imageKey: string | null } | undefined,
  lang: "zh" | "en",
  image: string | undefined,
): BattleResponse["prompt"] {
  const { text, lang: textLang } = prompt ? promptText(prompt, lang) : { text: "", lang };
  return image ? { text, lang: textLang, imageUrl: image } : { text, lang: textLang };
}

/**
 * Whether serveQuadBattle can serve in this category now (all prompts when none is given): some
 * prompt of the blind pool has servable clips from MIN_MODELS_PER_QUAD models
 * (lib/arena/blind-pool.ts). The arena offers "four clips" only then. Reads the cached pool.
 */
export async function quadsServable(store: ArenaStore, category: string | undefined, now = Date.now()) {
  const prompts = await store.cache.loadServablePrompts(store.db, category, now);
  return prompts.some((prompt) => servesQuads(prompt.clips));
}

/**
 * Serves a quad battle (issue 32): four clips of one prompt from four different models, drawn by
 * sampleQuad (lib/arena/sampler.ts) from the prompts of the blind pool that have clips from at
 * least four models (lib/arena/blind-pool.ts), avoiding models revealed to this voter as pairs
 * do. The answer keeps every promise of a pair's (serveBattle): opaque URLs of one shape, one
 * length and one sound flag for the whole battle, from the prompt. Never a check battle. Throws
 * 404 `unknown_category` and `no_battle_available`.
 */
export async function serveQuadBattle(
  store: ArenaStore,
  input: Omit<ServeBattleInput, "checkEvery">,
): Promise<QuadBattleResponse> {
  const { db } = store;
  const now = input.now ?? new Date();
  await checkCategory(store, input.category);
  const [prompts, stats, revealed] = await Promise.all([
    store.cache.loadServablePrompts(db, input.category, now.getTime()),
    store.cache.loadVoteStats(db, now.getTime()),
    loadRevealedClips(db, input.voterSessionId),
  ]);
  const sampled = sampleQuad({ prompts, posterior: stats.posterior, revealed }, input.random);
  if (!sampled) throw new DomainError("no_battle_available", "No prompt has clips from four active models yet.");
  const { index } = await store.cache.lookUpClips(
    db,
    sampled.clips.map((clip) => clip.id),
  );
  const playback = prompts.find((candidate) => candidate.id === sampled.promptId);
  if (!playback) throw new Error("the sampler drew a prompt outside the pool");
  const [a, b, c, d] = sampled.clips;
  const token = randomBytes(18).toString("base64url");
  const expiresAt = new Date(now.getTime() + BATTLE_TTL_MS);
  const battleId = await recordBattle(store, {
    token,
    kind: "anonymous",
    promptId: sampled.promptId,
    leftClipId: a.id,
    rightClipId: b.id,
    clipCId: c.id,
    clipDId: d.id,
    size: 4,
    voterSessionId: input.voterSessionId,
    lang: input.lang,
    category: input.category ?? null,
    servedAt: now,
    expiresAt,
    withSound: playback.withSound,
    checkTwinSide: null,
    checkTwinId: null,
  });
  const prompt = index.prompts.get(sampled.promptId);
  return {
    battleId,
    size: 4,
    prompt: shownPrompt(prompt, input.lang, battleMediaUrls(token, Boolean(prompt?.imageKey)).image),
    sides: quadMediaUrls(token),
    durationMs: playback.durationMs,
    withSound: playback.withSound,
    expiresAt: expiresAt.toISOString(),
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
  await checkCategory(store, input.category);
  const [prompts, stats, previous, revealed] = await Promise.all([
    store.cache.loadServablePrompts(db, input.category, now.getTime()),
    store.cache.loadVoteStats(db, now.getTime()),
    loadPreviousBattle(db, input.voterSessionId),
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
    size: 2,
    clipCId: null,
    clipDId: null,
  });
  const urls = battleMediaUrls(token, Boolean(prompt?.imageKey));
  return {
    battleId,
    prompt: shownPrompt(prompt, input.lang, urls.image),
    left: { clipUrl: urls.left },
    right: { clipUrl: urls.right },
    durationMs: playback.durationMs,
    withSound: playback.withSound,
    expiresAt: expiresAt.toISOString(),
  };
}
