import type { Db } from "../db/client";
import type { Tx } from "../audit";
import type { ImportManifest } from "./manifest";
import { type ImportIssue, type ImportProblem, importIssue } from "./import-problem";

/** What an import does to one clip line of the manifest. */
export type ClipLineOutcome = "added" | "replaced" | "unchanged";

/** One clip line: where it is in the manifest, its (prompt, model) and what the import does with it. */
export interface ClipLineResult {
  /** The line in the manifest, e.g. `line 12 (clips[3])` or, in a CSV, `line 5`. */
  where: string;
  prompt: string;
  model: string;
  /**
   * `added` (a new clip for the pair), `replaced` (a new file for a pair with a live clip: that
   * clip is deleted when it has no votes and retired when it has) or `unchanged` (this file is
   * the pair's live clip already).
   */
  outcome: ClipLineOutcome;
}

/**
 * What an import does (applyImport's answer) or will do (the plan's prediction: `--dry-run` and
 * "Check only" on /admin/import). The two are equal for the same database.
 */
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
  /** Every clip line in manifest order (empty when refused). */
  clips: ClipLineResult[];
  /** Why the manifest is refused, each with its line; when there is any, nothing is written and every count is 0. */
  refused: ImportProblem[];
}

/**
 * The plan's decision for one clip line, in manifest order; applyImport executes it as it is.
 * `unchanged`: the line's file is the pair's live clip `clipId` already (only its watermark mark
 * may be updated). Otherwise a clip is created, after superseding the pair's live clips
 * `supersedes` (deleted without votes, retired with: supersedeClips); its original is stored
 * (`file: "store"`, the first line naming new content) or shares an original already stored or
 * stored by an earlier line (`"share"`).
 */
export type ClipDecision =
  | { outcome: "unchanged"; clipId: string; watermarked: boolean }
  | { outcome: "added" | "replaced"; supersedes: string[]; file: "store" | "share" };

/** What happens to each clip line of a manifest, and the stored files that can be shared. */
export interface ImportPrediction {
  summary: ImportSummary;
  /** One decision per clip line, in manifest order (empty when refused). */
  decisions: ClipDecision[];
  /** Stored originals of content already in the database, by SHA-256 (shared, not stored again). */
  storedByHash: Map<string, { storageKey: string }>;
}

/** The summary of a manifest the import refuses: the reasons, and nothing done. */
export function refusedSummary(refused: ImportProblem[]): ImportSummary {
  return { ...emptySummary(0, 0, 0), refused };
}

/** A summary with the manifest's model, category and prompt counts and nothing else done yet. */
export function emptySummary(models: number, categories: number, prompts: number): ImportSummary {
  return {
    models,
    categories,
    prompts,
    clipsAdded: 0,
    clipsUnchanged: 0,
    clipsRetired: 0,
    filesStored: 0,
    filesReused: 0,
    clips: [],
    refused: [],
  };
}

/**
 * Works out what applying a checked manifest will do to the database as it is now, without
 * writing: per clip line whether it is added, replaces earlier clips (and how many) or is
 * unchanged, and which files can be shared rather than stored again. A line whose file was
 * retired for the same prompt and model (replaced by a newer file once it had votes) is refused:
 * a retired clip is not brought back. `hashOf` gives each clip file's SHA-256, `clipLines` each
 * clip's place in the manifest. The dry run shows this; applyImport follows the same decisions.
 */
export async function predictImport(
  db: Db,
  manifest: ImportManifest,
  hashOf: (file: string) => string,
  clipLines: readonly string[],
): Promise<ImportPrediction> {
  const hashes = [...new Set(manifest.clips.map((c) => hashOf(c.file)))];
  const [prompts, models, existing, live] = await Promise.all([
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
        id: true,
        promptId: true,
        modelId: true,
        sourceHash: true,
        retiredAt: true,
        storageKey: true,
        watermarked: true,
      },
    }),
    livePairClips(db, manifest),
  ]);
  const promptIds = new Map(prompts.map((p) => [p.importKey as string, p.id]));
  const modelIds = new Map(models.map((m) => [m.slug, m.id]));
  const storedByHash = new Map<string, { storageKey: string }>();
  for (const clip of existing) if (clip.sourceHash) storedByHash.set(clip.sourceHash, { storageKey: clip.storageKey });

  const summary = emptySummary(manifest.models.length, manifest.categories.length, manifest.prompts.length);
  const decisions: ClipDecision[] = [];
  const storing = new Set<string>();
  for (const [i, clip] of manifest.clips.entries()) {
    const where = clipLines[i] as string;
    const hash = hashOf(clip.file);
    const promptId = promptIds.get(clip.prompt);
    const modelId = modelIds.get(clip.model);
    const same = existing.find((e) => e.sourceHash === hash && e.promptId === promptId && e.modelId === modelId);
    if (same?.retiredAt) {
      summary.refused.push({ where, ...retiredIssue(clip.prompt, clip.model, same.retiredAt) });
      continue;
    }
    if (same) {
      summary.clipsUnchanged += 1;
      summary.clips.push({ where, prompt: clip.prompt, model: clip.model, outcome: "unchanged" });
      decisions.push({ outcome: "unchanged", clipId: same.id, watermarked: same.watermarked });
      continue;
    }
    // The plan refuses two lines for one (prompt, model), so only clips already stored are replaced.
    const supersedes = (promptId && modelId && live.get(pairKey(promptId, modelId))) || [];
    const outcome = supersedes.length > 0 ? "replaced" : "added";
    summary.clipsAdded += 1;
    summary.clipsRetired += supersedes.length;
    summary.clips.push({ where, prompt: clip.prompt, model: clip.model, outcome });
    const file = storedByHash.has(hash) || storing.has(hash) ? "share" : "store";
    summary[file === "share" ? "filesReused" : "filesStored"] += 1;
    storing.add(hash);
    decisions.push({ outcome, supersedes, file });
  }
  if (summary.refused.length > 0) return { summary: refusedSummary(summary.refused), decisions: [], storedByHash };
  return { summary, decisions, storedByHash };
}

/** The key of a (prompt id, model id) pair in livePairClips' answer. */
export function pairKey(promptId: string, modelId: string): string {
  return `${promptId}\u0000${modelId}`;
}

/**
 * The ids of the live (not retired) clips of every (prompt, model) pair the manifest's clips name,
 * by pairKey: one query for the whole manifest (the prompts and models are matched by
 * import key and slug). `db` may be a transaction: applyImport re-reads this to re-check the plan.
 */
export async function livePairClips(db: Tx, manifest: ImportManifest): Promise<Map<string, string[]>> {
  const rows = await db.clip.findMany({
    where: {
      retiredAt: null,
      prompt: { importKey: { in: manifest.clips.map((c) => c.prompt) } },
      model: { slug: { in: manifest.clips.map((c) => c.model) } },
    },
    select: { id: true, promptId: true, modelId: true },
  });
  const byPair = new Map<string, string[]>();
  for (const row of rows) {
    const key = pairKey(row.promptId, row.modelId);
    byPair.set(key, [...(byPair.get(key) ?? []), row.id]);
  }
  return byPair;
}

/** Why a line whose file was retired for its prompt and model is refused. */
export function retiredIssue(prompt: string, model: string, retiredAt: Date): ImportIssue {
  const date = retiredAt.toISOString().slice(0, 10);
  return importIssue(
    "retired",
    `this file was retired for prompt "${prompt}" and model "${model}" on ${date}, when a newer file replaced it; a retired clip is not brought back`,
    { prompt, model, date },
  );
}
