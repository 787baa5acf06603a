import type { Db } from "../db/client";
import type { ClipMediaKeys } from "../media/store-clip-media";
import type { ImportManifest } from "./manifest";

/** What an import does (applyImport's answer) or will do (the plan's prediction, for --dry-run). */
export interface ImportSummary {
  /** Models, categories and prompts created or updated (every one the manifest lists). */
  models: number;
  categories: number;
  prompts: number;
  clipsAdded: number;
  /** Clips whose file is already imported for the same prompt and model: left alone. */
  clipsUnchanged: number;
  /** Earlier clips of a (prompt, model) that got a new file: deleted without votes, retired with. */
  clipsRetired: number;
  /** Clip files transcoded and stored (original and renditions), once per distinct content. */
  filesStored: number;
  /** Added clips whose bytes are already stored (for another prompt or model): the files are shared. */
  filesReused: number;
}

/** What happens to each clip line of a manifest, and the stored files that can be shared. */
export interface ImportPrediction {
  summary: ImportSummary;
  /** Per clip line (manifest order): true when it is added, false when it is already there. */
  adds: boolean[];
  /** Stored files of content already in the database (with renditions), by SHA-256. */
  storedByHash: Map<string, ClipMediaKeys>;
}

/**
 * Works out what applying a checked manifest will do to the database as it is now, without
 * writing: which clips are new, which are unchanged, how many earlier clips they replace or
 * retire, and which files can be shared rather than stored again. `hashOf` gives each clip file's
 * SHA-256. The dry run prints this; applyImport follows the same decisions.
 */
export async function predictImport(
  db: Db,
  manifest: ImportManifest,
  hashOf: (file: string) => string,
): Promise<ImportPrediction> {
  const hashes = [...new Set(manifest.clips.map((c) => hashOf(c.file)))];
  const [prompts, models, existing] = await Promise.all([
    db.prompt.findMany({
      where: { importKey: { in: manifest.clips.map((c) => c.prompt) } },
      select: { id: true, importKey: true },
    }),
    db.model.findMany({
      where: { slug: { in: manifest.clips.map((c) => c.model) } },
      select: { id: true, slug: true },
    }),
    db.clip.findMany({
      where: { sourceHash: { in: hashes } },
      select: {
        promptId: true,
        modelId: true,
        sourceHash: true,
        storageKey: true,
        renditionKey: true,
        soundRenditionKey: true,
      },
    }),
  ]);
  const promptIds = new Map(prompts.map((p) => [p.importKey as string, p.id]));
  const modelIds = new Map(models.map((m) => [m.slug, m.id]));
  const storedByHash = new Map<string, ClipMediaKeys>();
  for (const clip of existing)
    if (clip.sourceHash && clip.renditionKey)
      storedByHash.set(clip.sourceHash, {
        storageKey: clip.storageKey,
        renditionKey: clip.renditionKey,
        soundRenditionKey: clip.soundRenditionKey,
      });

  const summary: ImportSummary = {
    models: manifest.models.length,
    categories: manifest.categories.length,
    prompts: manifest.prompts.length,
    clipsAdded: 0,
    clipsUnchanged: 0,
    clipsRetired: 0,
    filesStored: 0,
    filesReused: 0,
  };
  const adds: boolean[] = [];
  const storing = new Set<string>();
  for (const clip of manifest.clips) {
    const hash = hashOf(clip.file);
    const promptId = promptIds.get(clip.prompt);
    const modelId = modelIds.get(clip.model);
    const same = existing.some((e) => e.sourceHash === hash && e.promptId === promptId && e.modelId === modelId);
    adds.push(!same);
    if (same) {
      summary.clipsUnchanged += 1;
      continue;
    }
    summary.clipsAdded += 1;
    // The plan refuses two lines for one (prompt, model), so only clips already stored are replaced.
    if (promptId && modelId)
      summary.clipsRetired += await db.clip.count({ where: { promptId, modelId, retiredAt: null } });
    if (storedByHash.has(hash) || storing.has(hash)) summary.filesReused += 1;
    else {
      summary.filesStored += 1;
      storing.add(hash);
    }
  }
  return { summary, adds, storedByHash };
}
