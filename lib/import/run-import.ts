import type { Db } from "../db/client";
import { makeCheckTwins } from "../media/check-twins";
import type { MediaStore } from "../storage/media-store";
import { applyImport } from "./apply-import";
import type { ImportPlan, ImportProblem } from "./plan-import";
import { type ImportSummary, refusedSummary } from "./predict-import";

/** What runImport did: a check (`dryRun`) answers the prediction, an import what it wrote. */
export interface ImportRun {
  dryRun: boolean;
  /** `refused` non-empty: the manifest is invalid and nothing was written (every count 0). */
  summary: ImportSummary;
}

export interface RunImportOptions {
  /** Only check: answer what the import would do (or why it refuses), write nothing. */
  dryRun: boolean;
  /** The operator recorded in the audit log (the operator page); none for the CLI. */
  actorId?: string;
  /** Runs once the manifest is known valid, just before anything is written (the CLI's demo choice). */
  beforeApply?: () => Promise<void>;
  /** Progress, one line per rendition set and per check twin as each is done (the CLI prints them). */
  log?: (line: string) => void;
}

/**
 * The one import sequence, for `npm run import` and /admin/import: plan (check the manifest and
 * every file, predict each clip line), then answer the refusal or the dry run's prediction, or
 * apply the plan, then make the check twins of clips that lack one (lib/media/check-twins.ts); the
 * plan's temporary files are discarded in every case. `plan` reads the
 * manifest (planImport for a file, planImportText for an upload). Throws what they throw
 * (ffmpeg missing or interrupted among them); an invalid manifest is not thrown but answered.
 */
export async function runImport(
  db: Db,
  store: MediaStore,
  plan: () => Promise<{ problems: ImportProblem[]; plan?: ImportPlan }>,
  options: RunImportOptions,
): Promise<ImportRun> {
  const planned = await plan();
  if (!planned.plan) return { dryRun: options.dryRun, summary: refusedSummary(planned.problems) };
  const checked = planned.plan;
  try {
    if (options.dryRun) return { dryRun: true, summary: checked.prediction.summary };
    await options.beforeApply?.();
    const summary = await applyImport(db, store, checked, { actorId: options.actorId, log: options.log });
    // Check twins (issue 31) of every clip still without one: a clip whose twin fails simply gets
    // no check battles, so the import stands either way. The clips are live from here on.
    options.log?.(
      "the clips are live; making the known-answer twins of clips without one (stopping here is safe: the next import or `npm run media:renditions` makes the rest)",
    );
    await makeCheckTwins(db, store, { log: options.log });
    return { dryRun: false, summary };
  } finally {
    await checked.discard();
  }
}
