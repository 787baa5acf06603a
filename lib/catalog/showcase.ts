import type { Db } from "../db/client";
import { namedClipWhere } from "../clip-visibility";

/** Two named clips of one published prompt, for the home page. */
export interface ShowcasePair {
  prompt: { id: string; textZh: string | null; textEn: string | null; hasImage: boolean };
  clips: { id: string; modelName: string; modelSlug: string; placeholder: boolean }[];
}

/**
 * The newest published prompt (Prompt.publishedAt set) that has servable clips of at least two
 * models, with the newest clip of the first two models by name; null when none is published.
 * Only published prompts: their clips have left the blind pool, so naming the models here
 * cannot unblind a battle.
 */
export async function findShowcasePair(db: Db): Promise<ShowcasePair | null> {
  const prompts = await db.prompt.findMany({
    where: { publishedAt: { not: null } },
    orderBy: [{ publishedAt: "desc" }, { id: "asc" }],
    take: 10,
    select: {
      id: true,
      textZh: true,
      textEn: true,
      imageKey: true,
      clips: {
        where: namedClipWhere(),
        orderBy: { createdAt: "desc" },
        select: { id: true, placeholder: true, model: { select: { name: true, slug: true, active: true } } },
      },
    },
  });
  for (const { imageKey, clips, ...prompt } of prompts) {
    const byModel = new Map<string, (typeof clips)[number]>();
    for (const clip of clips)
      if (clip.model.active && !byModel.has(clip.model.slug)) byModel.set(clip.model.slug, clip);
    const pair = [...byModel.values()].sort((a, b) => a.model.name.localeCompare(b.model.name)).slice(0, 2);
    if (pair.length === 2)
      return {
        prompt: { ...prompt, hasImage: imageKey !== null },
        clips: pair.map((c) => ({
          id: c.id,
          modelName: c.model.name,
          modelSlug: c.model.slug,
          placeholder: c.placeholder,
        })),
      };
  }
  return null;
}
