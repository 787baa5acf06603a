import type { Db } from "../db/client";
import { removeUnusedMedia } from "../media/remove-unused-media";
import type { MediaStore } from "../storage/media-store";
import { demoCategories } from "./demo-content";
import { SEED_TRANSACTION } from "./seed";

/** What removeDemo took out. */
export interface DemoRemoval {
  models: number;
  prompts: number;
  clips: number;
  battles: number;
  votes: number;
  categories: number;
}

/** Whether the database holds demo content: any placeholder clip. */
export async function hasDemoContent(db: Db): Promise<boolean> {
  return (await db.clip.findFirst({ where: { placeholder: true }, select: { id: true } })) !== null;
}

/**
 * Removes the demo in one step (`npm run demo:remove`): every placeholder clip; every battle that
 * showed one and the votes (with their tags) cast on it; prompts left without clips; models left
 * without clips (a model that also has real clips stays, with them); demo categories left without
 * prompts; the rating history of the removed models and every leaderboard snapshot (they were
 * computed with the demo votes; the caller recomputes). Real clips, their battles and votes are
 * untouched. One transaction; the stored files no row refers to any more are removed after it.
 */
export async function removeDemo(db: Db, store: MediaStore): Promise<DemoRemoval> {
  const { removal, keys } = await db.$transaction(async (tx) => {
    const clips = await tx.clip.findMany({
      where: { placeholder: true },
      select: {
        id: true,
        promptId: true,
        modelId: true,
        storageKey: true,
        renditionKey: true,
        soundRenditionKey: true,
      },
    });
    const clipIds = clips.map((c) => c.id);
    const battleWhere = {
      OR: [
        { leftClipId: { in: clipIds } },
        { rightClipId: { in: clipIds } },
        { clipCId: { in: clipIds } },
        { clipDId: { in: clipIds } },
      ],
    };
    const votes = await tx.vote.deleteMany({ where: { battle: battleWhere } });
    const battles = await tx.battle.deleteMany({ where: battleWhere });
    await tx.clip.deleteMany({ where: { id: { in: clipIds } } });

    const promptIds = [...new Set(clips.map((c) => c.promptId))];
    const emptyPrompts = await tx.prompt.findMany({
      where: { id: { in: promptIds }, clips: { none: {} }, battles: { none: {} }, votes: { none: {} } },
      select: { id: true, imageKey: true },
    });
    await tx.prompt.deleteMany({ where: { id: { in: emptyPrompts.map((p) => p.id) } } });

    const modelIds = [...new Set(clips.map((c) => c.modelId))];
    const emptyModels = await tx.model.findMany({
      where: { id: { in: modelIds }, clips: { none: {} } },
      select: { id: true, slug: true },
    });
    await tx.model.deleteMany({ where: { id: { in: emptyModels.map((m) => m.id) } } });
    await tx.ratingPoint.deleteMany({ where: { modelSlug: { in: emptyModels.map((m) => m.slug) } } });
    await tx.ratingSnapshot.deleteMany({});

    const categories = await tx.category.deleteMany({
      where: { slug: { in: demoCategories.map((c) => c.slug) }, prompts: { none: {} } },
    });
    return {
      removal: {
        models: emptyModels.length,
        prompts: emptyPrompts.length,
        clips: clips.length,
        battles: battles.count,
        votes: votes.count,
        categories: categories.count,
      },
      keys: [
        ...clips.flatMap((c) => [c.storageKey, c.renditionKey, c.soundRenditionKey]),
        ...emptyPrompts.map((p) => p.imageKey),
      ],
    };
  }, SEED_TRANSACTION);
  await removeUnusedMedia(db, store, keys);
  return removal;
}
