import type { Db } from "../db/client";
import { poolExclusion, type PromptPlayback, promptPlayback } from "./blind-pool";
import type { SamplerPrompt } from "./sampler";
import { estimateStrengths, type StrengthPosterior, tallyPairs } from "./strength-estimates";
import { type FullTally, VoteTally } from "./vote-tally";
import { deliveredLengthMsOf } from "../media/delivery-format";
import { placeholderOnlyModelIds, placeholdersServable, servableClipWhere } from "../clip-visibility";
import { type DemoState, readDemoState } from "../counted-vote";

/** How long a process reuses the catalog and vote statistics it read, in milliseconds. */
const CACHE_TTL_MS = 5_000;

interface Cached<T> {
  value: Promise<T>;
  expiresAt: number;
}

/** What serving and voting need to know about a clip, whatever its state now. */
export interface ClipFacts {
  promptId: string;
  modelId: string;
  modelName: string;
  modelSlug: string;
  durationMs: number;
  /** Whether the original carries sound: a battle plays sound only when both clips do. */
  hasAudio: boolean;
  promptLang: "zh" | "en";
  /** Whether every clip of this clip's model is a demo placeholder (lib/clip-visibility.ts). */
  modelPlaceholderOnly: boolean;
  /** Milliseconds the renditions hold the last frame (Clip.heldLastFrameMs); the reveal says so. */
  heldLastFrameMs: number;
  /** Length of the delivered rendition in milliseconds (deliveredLengthMsOf): a mark's time is at most this. */
  deliveredLengthMs: number;
}

/**
 * A prompt of the blind pool: its servable clips and what any battle of it plays
 * (lib/arena/blind-pool.ts), and the clips that can be checked (lib/arena/check-battles.ts): clip
 * id → its twin's id, for twins in the clip's delivery format that have sound when the prompt does.
 */
export type ServablePrompt = SamplerPrompt & PromptPlayback & { checkTwins?: ReadonlyMap<string, string> };

export interface PromptFacts {
  textZh: string | null;
  textEn: string | null;
  imageKey: string | null;
}

/** Every clip and prompt by id, so the hot paths read one battle row instead of joining. */
export interface CatalogIndex {
  clips: Map<string, ClipFacts>;
  prompts: Map<string, PromptFacts>;
}

export interface VoteStats {
  /** Bradley-Terry posterior of the models with counted votes (lib/arena/strength-estimates.ts). */
  posterior: StrengthPosterior;
}

/**
 * What the arena's hot paths reuse for CACHE_TTL_MS: the servable prompts (per category), the
 * vote statistics, the catalog index and the demo state. One per process, held by the composition root
 * (lib/http/app-context.ts) and shared by the arena and the operator endpoints, so an
 * operator's edit (served by Next.js) reaches the arena endpoints (served from lib/ directly by
 * `npm start`). Every `now` is epoch milliseconds.
 */
export class ArenaCache {
  #prompts = new Map<string, Cached<ServablePrompt[]>>();
  #stats: Cached<VoteStats> | undefined;
  /** The newest statistics read, and how many reads are running (loadVoteStats). */
  #latestStats: VoteStats | undefined;
  #statsReads = 0;
  #index: Cached<CatalogIndex> | undefined;
  #demo: Cached<DemoState> | undefined;
  readonly #tally: VoteTally;

  /**
   * @param readFullTally how the vote statistics' occasional full tally is read (VoteTally): in
   * this thread by default, in a worker thread by the web process (lib/http/heavy-work.ts).
   */
  constructor(readFullTally?: (db: Db, now: number) => Promise<FullTally>) {
    this.#tally = new VoteTally(readFullTally);
  }

  /** Forgets cached catalog and statistics (after an operator edit). */
  invalidate(): void {
    this.#prompts.clear();
    this.#stats = undefined;
    this.#index = undefined;
    this.#demo = undefined;
    this.#tally.markStale();
  }

  /** The counted votes changed in the past (a recompute's integrity flags): the next statistics tally them all again. */
  votesChanged(): void {
    this.#stats = undefined;
    this.#tally.markStale();
  }

  /**
   * Facts about clips and their prompt from the cached index; a clip added since the index was
   * read triggers one reload. Throws when a clip does not exist at all.
   */
  async lookUpClips(db: Db, clipIds: string[], now = Date.now()): Promise<{ clips: ClipFacts[]; index: CatalogIndex }> {
    let index = await this.#loadCatalogIndex(db, now);
    if (clipIds.some((id) => !index.clips.has(id))) {
      this.#index = undefined;
      index = await this.#loadCatalogIndex(db, now);
    }
    const clips = clipIds.map((id) => {
      const facts = index.clips.get(id);
      if (!facts) throw new Error(`clip ${id} is not in the catalog`);
      return facts;
    });
    return { clips, index };
  }

  /**
   * The blind pool (lib/arena/blind-pool.ts): prompts with servable clips (lib/clip-visibility.ts:
   * live, model active, prompt unpublished and in the category when one is given, first takes
   * unless the prompt allows others, placeholders only while no real clip exists) from at least
   * MIN_MODELS_PER_PROMPT models, each with its playback facts. Cached briefly: battles are served
   * far more often than operators change the catalog.
   */
  loadServablePrompts(db: Db, category: string | undefined, now = Date.now()): Promise<ServablePrompt[]> {
    const key = category ?? "";
    const entry = this.#remember(this.#prompts.get(key), now, async () => {
      const placeholders = await placeholdersServable(db);
      const clips = await db.clip.findMany({
        where: servableClipWhere({ category, placeholders }),
        select: {
          id: true,
          promptId: true,
          modelId: true,
          durationMs: true,
          soundRenditionKey: true,
          renditionFormat: true,
          prompt: { select: { deliveryLengthMs: true } },
          checkTwins: {
            select: { id: true, renditionFormat: true, soundRenditionKey: true, sizeDonorKey: true },
            orderBy: { id: "asc" },
          },
        },
        orderBy: { id: "asc" },
      });
      const byPrompt = new Map<string, typeof clips>();
      for (const clip of clips) {
        const list = byPrompt.get(clip.promptId);
        if (list) list.push(clip);
        else byPrompt.set(clip.promptId, [clip]);
      }
      return [...byPrompt]
        .filter(([, promptClips]) => poolExclusion(null, promptClips) === null)
        .map(([id, promptClips]) => {
          const playback = promptPlayback(
            promptClips.map((clip) => ({ ...clip, hasSoundRendition: clip.soundRenditionKey !== null })),
            promptClips[0]?.prompt.deliveryLengthMs ?? null,
          );
          const checkTwins = new Map<string, string>();
          for (const clip of promptClips) {
            const twin = clip.checkTwins.find(
              // A twin made before its sizes were matched to another clip's (no size donor) would
              // be told apart by its sizes (docs/blindness.md): it waits for media:renditions.
              (t) =>
                t.renditionFormat === clip.renditionFormat &&
                t.sizeDonorKey !== null &&
                (!playback.withSound || t.soundRenditionKey !== null),
            );
            if (twin) checkTwins.set(clip.id, twin.id);
          }
          return {
            id,
            clips: promptClips.map((clip) => ({ id: clip.id, modelId: clip.modelId })),
            ...playback,
            checkTwins,
          };
        });
    });
    this.#prompts.set(key, entry);
    return entry.value;
  }

  /**
   * The sampler's aggregate state from counted anonymous votes: every model's posterior strength,
   * from a VoteTally that reads only the votes cast since its last look (no full scan per refresh).
   */
  loadVoteStats(db: Db, now = Date.now()): Promise<VoteStats> {
    this.#stats = this.#remember(this.#stats, now, async () => {
      this.#statsReads += 1;
      try {
        const stats = { posterior: estimateStrengths(tallyPairs(await this.#tally.refresh(db, now))) };
        this.#latestStats = stats;
        return stats;
      } finally {
        this.#statsReads -= 1;
      }
    });
    // Once statistics exist, no battle waits for the next read: a full tally runs in the worker
    // pool and can queue behind exports and range fits (bench:stall, loaded phase: battle p99 2.3 s
    // while every recompute marked the tally stale), so battles are drawn with the newest
    // statistics until it lands. The sampler's weights only steer which pair is shown.
    return this.#statsReads > 0 && this.#latestStats ? Promise.resolve(this.#latestStats) : this.#stats.value;
  }

  /**
   * The demo state (readDemoState: how the counted-vote rule treats the demo's votes, and whether
   * placeholders are served), which the arena page reads on every view: it changes only with the
   * catalog (an import, an operator's edit: invalidate), so it is cached as the blind pool is.
   */
  loadDemoState(db: Db, now = Date.now()): Promise<DemoState> {
    this.#demo = this.#remember(this.#demo, now, () => readDemoState(db));
    return this.#demo.value;
  }

  #loadCatalogIndex(db: Db, now: number): Promise<CatalogIndex> {
    this.#index = this.#remember(this.#index, now, async () => {
      const [clips, prompts] = await Promise.all([
        db.clip.findMany({
          select: {
            id: true,
            promptId: true,
            modelId: true,
            durationMs: true,
            promptLang: true,
            hasAudio: true,
            placeholder: true,
            heldLastFrameMs: true,
            renditionFormat: true,
            model: { select: { name: true, slug: true } },
          },
        }),
        db.prompt.findMany({ select: { id: true, textZh: true, textEn: true, imageKey: true } }),
      ]);
      const placeholderOnly = placeholderOnlyModelIds(clips);
      return {
        clips: new Map(
          clips.map(({ id, model, placeholder: _placeholder, renditionFormat, ...facts }) => [
            id,
            {
              ...facts,
              deliveredLengthMs: deliveredLengthMsOf({ ...facts, renditionFormat }),
              modelName: model.name,
              modelSlug: model.slug,
              modelPlaceholderOnly: placeholderOnly.has(facts.modelId),
            },
          ]),
        ),
        prompts: new Map(prompts.map(({ id, ...facts }) => [id, facts])),
      };
    });
    return this.#index.value;
  }

  #remember<T>(entry: Cached<T> | undefined, now: number, load: () => Promise<T>): Cached<T> {
    if (entry && entry.expiresAt > now) return entry;
    const value = load();
    // A failed load is not cached: the next request tries again.
    value.catch(() => this.invalidate());
    return { value, expiresAt: now + CACHE_TTL_MS };
  }
}
