// npm run import -- <manifest.json|manifest.csv> [--dry-run]: checks the whole manifest, reports
// every problem with its line, and writes only when there is none. Re-running it changes nothing.
// The dry run prints exactly what the import would do, line by line; the import what it did.
// Into a database that holds the demo, it asks first (or takes --remove-demo / --keep-demo).
import fs from "node:fs";
import readline from "node:readline/promises";
import { parseArgs } from "node:util";
import { createDb } from "../lib/db/client";
import { parseEnv } from "../lib/env";
import { laterTakesHeldBack } from "../lib/clip-visibility";
import { hasDemoContent, removeDemo } from "../lib/demo/remove-demo";
import { planImport } from "../lib/import/plan-import";
import type { ImportSummary } from "../lib/import/predict-import";
import { runImport } from "../lib/import/run-import";
import { createMediaStore } from "../lib/storage/media-store";
import { runCli } from "./run-cli";

const USAGE = "usage: npm run import -- <manifest.json|manifest.csv> [--dry-run] [--remove-demo | --keep-demo]";

/**
 * What to do with the demo before a real import: remove it (the default answer), or keep it apart
 * (placeholders leave the arena once real clips are live, and their votes leave every board and
 * vote file: lib/counted-vote.ts; demo:remove deletes them).
 */
async function demoChoice(flags: { remove?: boolean; keep?: boolean }): Promise<"remove" | "keep"> {
  if (flags.remove && flags.keep) throw new Error(`${USAGE}: choose one of --remove-demo and --keep-demo`);
  if (flags.remove) return "remove";
  if (flags.keep) return "keep";
  if (!process.stdin.isTTY)
    throw new Error(
      "usage: this database holds the demo (placeholder clips): run again with --remove-demo (removes the demo's models, prompts, clips and their votes first, as npm run demo:remove does) or --keep-demo",
    );
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = await rl.question(
      "This database holds the demo (placeholder clips). Remove the demo's models, prompts, clips and their votes first? [Y/n] ",
    );
    return /^n/i.test(answer.trim()) ? "keep" : "remove";
  } finally {
    rl.close();
  }
}

runCli(
  async () => {
    const { positionals, values } = parseArgs({
      allowPositionals: true,
      options: { "dry-run": { type: "boolean" }, "remove-demo": { type: "boolean" }, "keep-demo": { type: "boolean" } },
    });
    const file = positionals[0];
    if (!file || positionals.length > 1) throw new Error(USAGE);
    if (!fs.existsSync(file)) throw new Error(`usage: no such file: ${file}`);
    const env = parseEnv();
    const db = createDb(env.DATABASE_URL);
    try {
      // What the check does, then one line per file as it is checked (stderr, so stdout keeps the result).
      console.error(
        `checking ${file}: its shape, names and categories, then every file: present, under the size limit, a video or image by its bytes, and (for bytes not imported before) wholly decoded by ffmpeg`,
      );
      const plan = () =>
        planImport(db, file, {
          onFileChecked: ({ done, total, reference, decoded }) =>
            console.error(
              `  [${done}/${total}] ${reference}: ${decoded ? "decoded" : "checked (already imported or not a clip: not decoded)"}`,
            ),
        });
      const store = createMediaStore(env);
      const run = await runImport(db, store, plan, {
        dryRun: Boolean(values["dry-run"]),
        log: (line) => console.error(`  ${line}`),
        beforeApply: async () => {
          if (!(await hasDemoContent(db))) return;
          const choice = await demoChoice({ remove: values["remove-demo"], keep: values["keep-demo"] });
          if (choice === "remove") {
            const removed = await removeDemo(db, store);
            console.log(
              `removed the demo: ${removed.models} models, ${removed.prompts} prompts, ${removed.clips} clips, ${removed.votes} votes`,
            );
          } else
            console.log(
              "kept the demo: its placeholder clips leave the arena and its votes leave the board and the exports once real clips are live",
            );
        },
      });
      const { refused } = run.summary;
      if (refused.length > 0) {
        for (const problem of refused) console.error(`${file}: ${problem.where}: ${problem.message}`);
        console.error(`${refused.length} problem(s); nothing was imported`);
        process.exitCode = 1;
        return;
      }
      printLines(run.summary);
      console.log(
        run.dryRun
          ? `dry run: the manifest is valid; the import would do: ${describeSummary(run.summary)}; nothing written`
          : `imported: ${describeSummary(run.summary)}`,
      );
      const held = run.dryRun ? null : await laterTakesHeldBack(db);
      if (held && held.clips > 0)
        console.log(
          `not served yet: ${held.clips} later take(s) (firstTake: false) on ${held.prompts} prompt(s) that allow first takes only; allow later takes on a prompt's console page or with "otherTakesAllowed": true in the manifest`,
        );
    } finally {
      await db.$disconnect();
    }
  },
  { migratedDatabase: true },
);

/** One line for a summary, the same words for the dry run's prediction and the real run's result. */
function describeSummary(s: ImportSummary): string {
  return `${s.models} models, ${s.categories} categories, ${s.prompts} prompts; clips: ${s.clipsAdded} added, ${s.clipsUnchanged} unchanged, ${s.clipsRetired} replaced or retired; files: ${s.filesStored} transcoded and stored, ${s.filesReused} shared with clips already stored`;
}

/** One line per clip line that is added or replaces a clip (unchanged ones are only counted). */
function printLines(s: ImportSummary): void {
  for (const line of s.clips)
    if (line.outcome !== "unchanged") console.log(`${line.where}: ${line.prompt} / ${line.model}: ${line.outcome}`);
}
