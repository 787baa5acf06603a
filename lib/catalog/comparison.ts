import type { Db } from "../db/client";
import { namedClipWhere } from "../clip-visibility";
import { findPlaceholderOnlyModels } from "./placeholder-models";

export interface ComparisonPrompt {
  id: string;
  textZh: string | null;
  textEn: string | null;
  hasImage: boolean;
}

export interface ComparisonClip {
  clipId: string;
  modelSlug: string;
  modelName: string;
  placeholder: boolean;
}

export interface Comparison {
  prompts: ComparisonPrompt[];
  /**
   * Every model, each saying whether the page offers it: one with a named clip of the chosen
   * prompt (of any published prompt when none is chosen), and whether it has only placeholders.
   */
  models: { slug: string; name: string; organisation: string; offered: boolean; placeholderOnly: boolean }[];
  prompt: ComparisonPrompt | null;
  clips: ComparisonClip[];
}

/** Most models a named comparison shows at once. */
export const MAX_COMPARED_MODELS = 4;

/**
 * What the named side-by-side page shows: every PUBLISHED prompt, the models that have a clip of
 * the chosen one to choose from,
 * and for the chosen prompt the newest servable clip of each chosen model, in the order the models
 * were given. Prompts still in the blind pool are not offered, so the page is no catalogue of them.
 */
export async function loadComparison(db: Db, promptId: string | undefined, modelSlugs: string[]): Promise<Comparison> {
  const [promptRows, allModels, placeholderOnly] = await Promise.all([
    db.prompt.findMany({
      where: { publishedAt: { not: null } },
      select: { id: true, textZh: true, textEn: true, imageKey: true },
      orderBy: { createdAt: "asc" },
    }),
    db.model.findMany({ select: { slug: true, name: true, organisation: true }, orderBy: { name: "asc" } }),
    findPlaceholderOnlyModels(db),
  ]);
  const prompts = promptRows.map(({ imageKey, ...p }) => ({ ...p, hasImage: imageKey !== null }));
  const prompt = prompts.find((p) => p.id === promptId) ?? null;
  const withClips = await db.clip.findMany({
    where: { AND: [namedClipWhere(), prompt ? { promptId: prompt.id } : {}] },
    select: { model: { select: { slug: true } } },
    distinct: ["modelId"],
  });
  const offered = new Set(withClips.map((c) => c.model.slug));
  const models = allModels.map((m) => ({
    ...m,
    offered: offered.has(m.slug),
    placeholderOnly: placeholderOnly.has(m.slug),
  }));
  const slugs = [...new Set(modelSlugs)].slice(0, MAX_COMPARED_MODELS);
  if (!prompt || slugs.length === 0) return { prompts, models, prompt, clips: [] };
  const rows = await db.clip.findMany({
    where: { AND: [namedClipWhere(), { promptId: prompt.id, model: { slug: { in: slugs } } }] },
    orderBy: { createdAt: "desc" },
    select: { id: true, placeholder: true, model: { select: { slug: true, name: true } } },
  });
  const clips = slugs.flatMap((slug) => {
    const row = rows.find((r) => r.model.slug === slug);
    return row ? [{ clipId: row.id, modelSlug: slug, modelName: row.model.name, placeholder: row.placeholder }] : [];
  });
  return { prompts, models, prompt, clips };
}

/** The stored start image of a prompt, for the named pages. */
export async function findPromptImage(db: Db, promptId: string) {
  const prompt = await db.prompt.findUnique({ where: { id: promptId }, select: { imageKey: true } });
  return prompt?.imageKey ?? null;
}
