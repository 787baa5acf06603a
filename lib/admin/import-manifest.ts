import type { Db } from "../db/client";
import { DomainError } from "../errors";
import type { ImportSummary } from "../import/apply-import";
import { planImportText } from "../import/plan-import";
import { runImport } from "../import/run-import";
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

/**
 * The answer of /api/admin/import. A check (`dryRun`) answers what the import would do, line by
 * line, or every reason it would refuse the manifest; an import answers what it did.
 */
export interface ImportResult {
  dryRun: boolean;
  summary: ImportSummary;
}

/**
 * Imports a manifest uploaded on /admin/import, exactly as the CLI does: JSON (starts with `{`)
 * or CSV, relative paths inside IMPORT_DIR, https URLs downloaded. A check writes nothing and
 * answers the prediction, refusals included. An invalid manifest to import is a 422 listing every
 * problem with its line, and nothing is written; 503 when ffmpeg is not installed or was
 * interrupted (timed out, killed: retryable).
 */
export async function importManifest(
  db: Db,
  store: MediaStore,
  text: string,
  request: ImportRequest,
): Promise<ImportResult> {
  const format = text.trimStart().startsWith("{") ? "json" : "csv";
  const plan = () =>
    planImportText(db, text, format, {
      baseDir: request.importDir,
      maxFileBytes: request.maxUploadBytes,
      fetchImpl: request.fetchImpl,
      lookupImpl: request.lookupImpl,
    });
  const run = await withFfmpeg(() => runImport(db, store, plan, { dryRun: request.dryRun, actorId: request.actorId }));
  const problems = run.summary.refused;
  if (!run.dryRun && problems.length > 0) {
    const list = problems.map((p) => `${p.where}: ${p.message}`).join("\n");
    throw new DomainError("invalid_manifest", `${problems.length} problem(s); nothing was imported.\n${list}`);
  }
  return run;
}
