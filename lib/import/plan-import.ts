import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Db } from "../db/client";
import { type ImportManifest, importManifestSchema } from "./manifest";
import { type ImageType, readHead, sniffImage, sniffVideo, type VideoType } from "./sniff";

/** Largest clip or image an import accepts. */
export const MAX_IMPORT_FILE_BYTES = 200 * 1024 * 1024;

export interface ImportProblem {
  /** Where in the manifest: a line for unreadable JSON, else a path like clips[3].file. */
  where: string;
  message: string;
}

export interface CheckedFile {
  path: string;
  sha256: string;
  type: VideoType | ImageType;
}

export interface ImportPlan {
  manifest: ImportManifest;
  /** Checked files by their manifest path. */
  files: Map<string, CheckedFile>;
  /** Clips whose file is already imported for the same prompt and model. */
  unchangedClips: number;
}

function parseJson(text: string): { json?: unknown; problem?: ImportProblem } {
  try {
    return { json: JSON.parse(text) };
  } catch (error) {
    // Newer Node versions say where; Node 20 quotes the text around the error instead.
    const message = (error as Error).message;
    const line = /line (\d+)/.exec(message)?.[1];
    const position = /position (\d+)/.exec(message)?.[1];
    const where = line
      ? `line ${line}`
      : position
        ? `line ${text.slice(0, Number(position)).split("\n").length}`
        : "manifest";
    return { problem: { where, message: `not valid JSON (${message})` } };
  }
}

async function hashFile(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/**
 * Checks a whole manifest before anything is written: its shape, that every clip names a known
 * prompt and model and every prompt known categories (in the manifest or already in the
 * database), no duplicates, and that every file exists inside the manifest's folder, is within
 * the size limit and really is a video (clips) or an image (start images) by its bytes.
 * Returns every problem found, or a plan when there are none.
 */
export async function planImport(
  db: Db,
  manifestPath: string,
): Promise<{ problems: ImportProblem[]; plan?: ImportPlan }> {
  const { json, problem } = parseJson(fs.readFileSync(manifestPath, "utf8"));
  if (problem) return { problems: [problem] };
  const parsed = importManifestSchema.safeParse(json);
  if (!parsed.success) {
    return {
      problems: parsed.error.issues.map((i) => ({
        where:
          i.path
            .map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`))
            .join("")
            .replace(/^\./, "") || "manifest",
        message: i.message,
      })),
    };
  }
  const manifest = parsed.data;
  const problems: ImportProblem[] = [];
  const [dbModels, dbCategories, dbPrompts] = await Promise.all([
    db.model.findMany({ select: { slug: true } }),
    db.category.findMany({ select: { slug: true } }),
    db.prompt.findMany({ where: { importKey: { not: null } }, select: { id: true, importKey: true } }),
  ]);
  const duplicates = (values: string[], where: (i: number) => string, what: string) =>
    values.forEach(
      (v, i) => values.indexOf(v) !== i && problems.push({ where: where(i), message: `${what} "${v}" appears twice` }),
    );
  duplicates(
    manifest.models.map((m) => m.slug),
    (i) => `models[${i}].slug`,
    "model",
  );
  duplicates(
    manifest.categories.map((c) => c.slug),
    (i) => `categories[${i}].slug`,
    "category",
  );
  duplicates(
    manifest.prompts.map((p) => p.key),
    (i) => `prompts[${i}].key`,
    "prompt",
  );

  const models = new Set([...dbModels.map((m) => m.slug), ...manifest.models.map((m) => m.slug)]);
  const categories = new Set([...dbCategories.map((c) => c.slug), ...manifest.categories.map((c) => c.slug)]);
  const prompts = new Set([...dbPrompts.map((p) => p.importKey as string), ...manifest.prompts.map((p) => p.key)]);
  manifest.prompts.forEach((p, i) =>
    p.categories.forEach(
      (c, j) =>
        !categories.has(c) &&
        problems.push({ where: `prompts[${i}].categories[${j}]`, message: `unknown category "${c}"` }),
    ),
  );
  manifest.clips.forEach((c, i) => {
    if (!prompts.has(c.prompt)) problems.push({ where: `clips[${i}].prompt`, message: `unknown prompt "${c.prompt}"` });
    if (!models.has(c.model)) problems.push({ where: `clips[${i}].model`, message: `unknown model "${c.model}"` });
  });

  const dir = path.dirname(path.resolve(manifestPath));
  const files = new Map<string, CheckedFile>();
  const check = async (relative: string, where: string, kind: "video" | "image") => {
    const full = path.resolve(dir, relative);
    if (!full.startsWith(dir + path.sep))
      return problems.push({ where, message: "must be a path inside the manifest's folder" });
    if (!fs.existsSync(full) || !fs.statSync(full).isFile())
      return problems.push({ where, message: `no such file: ${relative}` });
    if (fs.statSync(full).size > MAX_IMPORT_FILE_BYTES)
      return problems.push({ where, message: `file is over ${MAX_IMPORT_FILE_BYTES / 1024 / 1024} MB` });
    const type = kind === "video" ? sniffVideo(readHead(full)) : sniffImage(readHead(full));
    if (!type)
      return problems.push({
        where,
        message:
          kind === "video"
            ? "not an MP4, WebM or MOV video (by its content)"
            : "not a PNG, JPEG or WebP image (by its content)",
      });
    files.set(relative, { path: full, sha256: await hashFile(full), type });
  };
  for (const [i, p] of manifest.prompts.entries()) if (p.image) await check(p.image, `prompts[${i}].image`, "image");
  for (const [i, c] of manifest.clips.entries()) await check(c.file, `clips[${i}].file`, "video");
  if (problems.length > 0) return { problems };

  const promptIdByKey = new Map(dbPrompts.map((p) => [p.importKey as string, p.id]));
  const existing = await db.clip.findMany({
    where: { sourceHash: { in: [...files.values()].map((f) => f.sha256) } },
    select: { promptId: true, sourceHash: true, model: { select: { slug: true } } },
  });
  const unchangedClips = manifest.clips.filter((c) =>
    existing.some(
      (e) =>
        e.sourceHash === files.get(c.file)?.sha256 &&
        e.model.slug === c.model &&
        e.promptId === promptIdByKey.get(c.prompt),
    ),
  ).length;
  return { problems: [], plan: { manifest, files, unchangedClips } };
}
