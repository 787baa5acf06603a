import type { Db } from "../db/client";
import { ApiError } from "../errors";
import { applyImport, type ImportSummary } from "../import/apply-import";
import { planImportText } from "../import/plan-import";
import type { MediaStore } from "../storage/media-store";
import { withFfmpeg } from "./with-ffmpeg";

export interface ImportRequest {
  actorId: string;
  dryRun: boolean;
  importDir: string;
  maxUploadBytes: number;
  fetchImpl?: typeof fetch;
  lookupImpl?: (hostname: string) => Promise<string[]>;
}

/** The answer of /api/admin/import: what the manifest holds, and what was written unless a dry run. */
export interface ImportResult {
  dryRun: boolean;
  planned: { models: number; categories: number; prompts: number; clips: number; unchangedClips: number };
  summary?: ImportSummary;
}

/**
 * Imports a manifest uploaded on /admin/import, exactly as the CLI does: JSON (starts with `{`)
 * or CSV, relative paths inside IMPORT_DIR, https URLs downloaded. An invalid manifest is a 422
 * listing every problem with its line, and nothing is written; 503 when ffmpeg is not installed or
 * was interrupted (timed out, killed: retryable).
 */
export async function importManifest(
  db: Db,
  store: MediaStore,
  text: string,
  request: ImportRequest,
): Promise<ImportResult> {
  const format = text.trimStart().startsWith("{") ? "json" : "csv";
  const { problems, plan } = await withFfmpeg(() =>
    planImportText(db, text, format, {
      baseDir: request.importDir,
      maxFileBytes: request.maxUploadBytes,
      fetchImpl: request.fetchImpl,
      lookupImpl: request.lookupImpl,
    }),
  );
  if (!plan) {
    const list = problems.map((p) => `${p.where}: ${p.message}`).join("\n");
    throw new ApiError(422, "invalid_manifest", `${problems.length} problem(s); nothing was imported.\n${list}`);
  }
  try {
    const { manifest } = plan;
    const planned = {
      models: manifest.models.length,
      categories: manifest.categories.length,
      prompts: manifest.prompts.length,
      clips: manifest.clips.length,
      unchangedClips: plan.unchangedClips,
    };
    if (request.dryRun) return { dryRun: true, planned };
    const summary = await withFfmpeg(() => applyImport(db, store, plan, { actorId: request.actorId }));
    return { dryRun: false, planned, summary };
  } finally {
    await plan.discard();
  }
}
