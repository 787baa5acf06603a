import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Db } from "../db/client";
import { modelNameKey } from "../db/model-names";
import { isDecodable, type MediaProbe, probeMedia } from "../media/ffprobe";
import { FFMPEG_JOBS, mapConcurrently } from "../media/map-concurrently";
import { hashFile } from "../storage/hash-file";
import { resolveSource } from "./fetch-source";
import type { ImportManifest } from "./manifest";
import { type ImportPrediction, predictImport } from "./predict-import";
import { type ImportIssue, type ImportProblem, importIssue } from "./import-problem";
import { type ManifestFormat, manifestFormatOf, readManifest } from "./read-manifest";
import { type ImageType, readHead, sniffImage, sniffVideo, type VideoType } from "./sniff";

export type { ImportProblem };

/** Largest clip or image an import accepts. */
export const MAX_IMPORT_FILE_BYTES = 200 * 1024 * 1024;

export interface CheckedFile {
  path: string;
  sha256: string;
  type: VideoType | ImageType;
  /** What ffprobe read from a clip (every clip file decodes); null for start images. */
  probe: MediaProbe | null;
}

export interface ImportPlan {
  manifest: ImportManifest;
  /** Checked files by their manifest reference (path or URL). */
  files: Map<string, CheckedFile>;
  /** Each clip's place in the manifest (`line 12 (clips[3])`), in manifest order. */
  clipLines: string[];
  /** What applying the plan to the database as it is now will do; what --dry-run prints. */
  prediction: ImportPrediction;
  /** Removes downloaded files; call once the plan is applied or dropped. */
  discard: () => Promise<void>;
}

export interface PlanOptions {
  /** The folder relative file paths are inside of. */
  baseDir: string;
  maxFileBytes?: number;
  fetchImpl?: typeof fetch;
  lookupImpl?: (hostname: string) => Promise<string[]>;
  /**
   * Called as each file's check ends (in the order they end): how many of `total` are done, the
   * file as the manifest names it, and whether ffmpeg decoded it (false for an image, a file
   * with a problem, or bytes already imported, whose stored probe is reused).
   */
  onFileChecked?: (progress: { done: number; total: number; reference: string; decoded: boolean }) => void;
}

/** Plans the import of a manifest file; relative paths are inside the manifest's folder. */
export async function planImport(
  db: Db,
  manifestPath: string,
  options: Pick<PlanOptions, "onFileChecked"> = {},
): Promise<{ problems: ImportProblem[]; plan?: ImportPlan }> {
  return planImportText(db, fs.readFileSync(manifestPath, "utf8"), manifestFormatOf(manifestPath), {
    ...options,
    baseDir: path.dirname(path.resolve(manifestPath)),
  });
}

/**
 * Checks a whole manifest before anything is written: its shape, that every clip names a known
 * prompt and model and every prompt known categories (in the manifest or already in the
 * database), no duplicates (nor two clips for one prompt and model), and that every file exists
 * (or downloads), is within the size limit and really is a video (clips) or an image (start
 * images) by its bytes, and that ffmpeg decodes every clip completely (skipped for bytes whose
 * SHA-256 a stored clip with renditions has: its probe fields are reused), and that no line
 * brings back a file retired for its prompt and model. Returns every problem found, each with its
 * line, or a plan (with its prediction) when there are none. Throws FfmpegMissingError when a clip
 * is to be checked and ffmpeg is not installed, FfmpegInterruptedError when ffmpeg was stopped.
 */
export async function planImportText(
  db: Db,
  text: string,
  format: ManifestFormat,
  options: PlanOptions,
): Promise<{ problems: ImportProblem[]; plan?: ImportPlan }> {
  const { manifest, problems, locate } = readManifest(text, format);
  if (!manifest || !locate) return { problems };
  const [dbModels, dbCategories, dbPrompts] = await Promise.all([
    db.model.findMany({ select: { slug: true, name: true } }),
    db.category.findMany({ select: { slug: true } }),
    db.prompt.findMany({ where: { importKey: { not: null } }, select: { id: true, importKey: true } }),
  ]);
  const report = (where: (string | number)[], issue: ImportIssue) => problems.push({ where: locate(where), ...issue });
  const duplicates = (list: "models" | "categories" | "prompts", field: string, values: string[]) =>
    values.forEach(
      (v, i) =>
        values.indexOf(v) !== i &&
        report([list, i, field], importIssue("appears_twice", `"${v}" appears twice`, { value: v })),
    );
  duplicates(
    "models",
    "slug",
    manifest.models.map((m) => m.slug),
  );
  duplicates(
    "categories",
    "slug",
    manifest.categories.map((c) => c.slug),
  );
  duplicates(
    "prompts",
    "key",
    manifest.prompts.map((p) => p.key),
  );

  // Display names may not repeat, case aside: not within the manifest, nor with a model already
  // there under another slug (a model the manifest itself renames frees its old name).
  const nameOwners = new Map(
    dbModels.filter((m) => !manifest.models.some((n) => n.slug === m.slug)).map((m) => [modelNameKey(m.name), m.slug]),
  );
  manifest.models.forEach((m, i) => {
    const owner = nameOwners.get(modelNameKey(m.name));
    if (owner && owner !== m.slug)
      report(
        ["models", i, "name"],
        importIssue("name_taken", `the model "${owner}" already has the name "${m.name}" (case aside)`, {
          model: owner,
          name: m.name,
        }),
      );
    else nameOwners.set(modelNameKey(m.name), m.slug);
  });
  const models = new Set([...dbModels.map((m) => m.slug), ...manifest.models.map((m) => m.slug)]);
  const categories = new Set([...dbCategories.map((c) => c.slug), ...manifest.categories.map((c) => c.slug)]);
  const prompts = new Set([...dbPrompts.map((p) => p.importKey as string), ...manifest.prompts.map((p) => p.key)]);
  manifest.prompts.forEach((p, i) =>
    p.categories.forEach(
      (c, j) =>
        !categories.has(c) &&
        report(
          ["prompts", i, "categories", j],
          importIssue("unknown_category", `unknown category "${c}"`, { category: c }),
        ),
    ),
  );
  const firstLineOf = new Map<string, number>();
  manifest.clips.forEach((c, i) => {
    const pair = `${c.prompt}\u0000${c.model}`;
    const first = firstLineOf.get(pair);
    if (first === undefined) firstLineOf.set(pair, i);
    else
      report(
        ["clips", i],
        importIssue(
          "second_clip",
          `a second clip for prompt "${c.prompt}" and model "${c.model}" (${locate(["clips", first])} has one)`,
          { prompt: c.prompt, model: c.model, where: locate(["clips", first]) },
        ),
      );
    if (!prompts.has(c.prompt))
      report(
        ["clips", i, "prompt"],
        importIssue("unknown_prompt", `unknown prompt "${c.prompt}"`, { prompt: c.prompt }),
      );
    if (!models.has(c.model))
      report(["clips", i, "model"], importIssue("unknown_model", `unknown model "${c.model}"`, { model: c.model }));
  });
  if (problems.length > 0) return { problems };

  const downloadDir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "clip-arena-import-"));
  const discard = () => fs.promises.rm(downloadDir, { recursive: true, force: true });
  const sourceOptions = {
    baseDir: options.baseDir,
    downloadDir,
    maxBytes: options.maxFileBytes ?? MAX_IMPORT_FILE_BYTES,
    fetchImpl: options.fetchImpl,
    lookupImpl: options.lookupImpl,
  };
  /** Checks one file: its problem, or what the plan keeps of it. */
  let done = 0;
  const checkAndReport = async (reference: string, kind: "video" | "image") => {
    const decoded = { value: false };
    const outcome = await check(reference, kind, decoded);
    done += 1;
    options.onFileChecked?.({ done, total: toCheck.size, reference, decoded: decoded.value });
    return outcome;
  };
  const check = async (
    reference: string,
    kind: "video" | "image",
    decoded: { value: boolean },
  ): Promise<{ problem: ImportIssue } | CheckedFile> => {
    const source = await resolveSource(reference, sourceOptions);
    if ("problem" in source) return source;
    const type = kind === "video" ? sniffVideo(readHead(source.path)) : sniffImage(readHead(source.path));
    if (!type)
      return {
        problem:
          kind === "video"
            ? importIssue("not_a_video", "not an MP4, WebM or MOV video (by its content)")
            : importIssue("not_an_image", "not a PNG, JPEG or WebP image (by its content)"),
      };
    const sha256 = await hashFile(source.path);
    let probe: MediaProbe | null = null;
    if (kind === "video") {
      // Bytes already imported were probed and wholly decoded then: their stored facts stand, and
      // neither ffprobe nor a decode runs again (most of an unchanged re-run's time otherwise).
      probe = await findStoredProbe(db, sha256);
      if (!probe) {
        decoded.value = true;
        probe = await probeMedia(source.path);
        if (!probe || !(await isDecodable(source.path)))
          return { problem: importIssue("undecodable", "ffmpeg cannot decode this video") };
      }
    }
    return { path: source.path, sha256, type, probe };
  };
  // Each file once, where it is first named; checked FFMPEG_JOBS at a time, reported in this order.
  const toCheck = new Map<string, { where: (string | number)[]; kind: "video" | "image" }>();
  manifest.prompts.forEach(
    (p, i) =>
      p.image && !toCheck.has(p.image) && toCheck.set(p.image, { where: ["prompts", i, "image"], kind: "image" }),
  );
  manifest.clips.forEach(
    (c, i) => !toCheck.has(c.file) && toCheck.set(c.file, { where: ["clips", i, "file"], kind: "video" }),
  );
  const files = new Map<string, CheckedFile>();
  try {
    const checked = await mapConcurrently([...toCheck], FFMPEG_JOBS, ([reference, { kind }]) =>
      checkAndReport(reference, kind),
    );
    [...toCheck].forEach(([reference, { where }], i) => {
      const outcome = checked[i] as { problem: ImportIssue } | CheckedFile;
      if ("problem" in outcome) report(where, outcome.problem);
      else files.set(reference, outcome);
    });
  } catch (error) {
    await discard();
    throw error;
  }
  if (problems.length > 0) {
    await discard();
    return { problems };
  }

  const clipLines = manifest.clips.map((_, i) => locate(["clips", i]));
  const prediction = await predictImport(db, manifest, (file) => (files.get(file) as CheckedFile).sha256, clipLines);
  if (prediction.summary.refused.length > 0) {
    await discard();
    return { problems: prediction.summary.refused };
  }
  return { problems: [], plan: { manifest, files, clipLines, prediction, discard } };
}

/** The probe fields of a stored clip with these bytes (SHA-256) and renditions, or null. */
async function findStoredProbe(db: Db, sha256: string): Promise<MediaProbe | null> {
  return db.clip.findFirst({
    where: { sourceHash: sha256, renditionKey: { not: null } },
    select: { durationMs: true, width: true, height: true, frameRate: true, hasAudio: true },
  });
}
