// npm run import -- <manifest.json|manifest.csv> [--dry-run]: checks the whole manifest, reports
// every problem with its line, and writes only when there is none. Re-running it changes nothing.
import fs from "node:fs";
import { parseArgs } from "node:util";
import { createDb } from "../lib/db/client";
import { getEnv } from "../lib/env";
import { applyImport } from "../lib/import/apply-import";
import { planImport } from "../lib/import/plan-import";
import { createMediaStore } from "../lib/storage/media-store";
import { runCli } from "./run-cli";

const USAGE = "usage: npm run import -- <manifest.json|manifest.csv> [--dry-run]";

runCli(async () => {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { "dry-run": { type: "boolean" } } });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new Error(USAGE);
  if (!fs.existsSync(file)) throw new Error(`usage: no such file: ${file}`);
  const env = getEnv();
  const db = createDb(env.DATABASE_URL);
  try {
    const { problems, plan } = await planImport(db, file);
    if (!plan) {
      for (const problem of problems) console.error(`${file}: ${problem.where}: ${problem.message}`);
      console.error(`${problems.length} problem(s); nothing was imported`);
      process.exitCode = 1;
      return;
    }
    try {
      const { manifest, unchangedClips } = plan;
      if (values["dry-run"]) {
        console.log(
          `dry run: the manifest is valid: ${manifest.models.length} models, ${manifest.categories.length} categories, ${manifest.prompts.length} prompts, ${manifest.clips.length} clips (${unchangedClips} already imported); nothing written`,
        );
        return;
      }
      const summary = await applyImport(db, createMediaStore(env), plan);
      console.log(
        `imported ${summary.models} models, ${summary.categories} categories, ${summary.prompts} prompts; clips: ${summary.clipsAdded} added, ${summary.clipsUnchanged} unchanged, ${summary.clipsRetired} replaced or retired`,
      );
    } finally {
      await plan.discard();
    }
  } finally {
    await db.$disconnect();
  }
});
