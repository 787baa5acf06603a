// npm run ratings -- <votes.csv|votes.jsonl> [--category <slug>] [--method bt|elo] [--bootstrap N]
//   [--seed S] [--anchor <model>=<rating>] [--include-flagged] [--json]
// Recomputes a leaderboard from an exported vote file (or an LMArena battle file).
import fs from "node:fs";
import { parseArgs } from "node:util";
import { z } from "zod";
import { computeBradleyTerry, computeElo, PairCellAccumulator, type RatedBattle } from "../lib/ratings";
import { readVoteFile, type VoteFileProblem } from "../lib/ratings/vote-file";
import { runCli } from "./run-cli";
import { isCountedVoteRow } from "../lib/counted-vote";

const USAGE =
  "usage: npm run ratings -- <votes.csv|votes.jsonl> [--category <slug>] [--method bt|elo] [--bootstrap N] [--seed S] [--anchor <model>=<rating>] [--include-flagged] [--json]";

const optionsSchema = z.object({
  category: z.string().min(1).optional(),
  method: z.enum(["bt", "elo"]).default("bt"),
  bootstrap: z.coerce.number().int().min(0).max(100_000).optional(),
  seed: z.coerce.number().int().default(42),
  anchor: z
    .string()
    .regex(/^.+=-?\d+(\.\d+)?$/, "expected <model>=<rating>")
    .transform((v) => ({ model: v.slice(0, v.lastIndexOf("=")), rating: Number(v.slice(v.lastIndexOf("=") + 1)) }))
    .optional(),
  "include-flagged": z.boolean().default(false),
  json: z.boolean().default(false),
});

runCli(async () => {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        category: { type: "string" },
        method: { type: "string" },
        bootstrap: { type: "string" },
        seed: { type: "string" },
        anchor: { type: "string" },
        "include-flagged": { type: "boolean" },
        json: { type: "boolean" },
      },
    });
  } catch (error) {
    throw new Error(`usage: ${(error as Error).message}\n${USAGE}`);
  }
  const file = parsed.positionals[0];
  if (!file || parsed.positionals.length > 1) throw new Error(USAGE);
  if (!fs.existsSync(file)) throw new Error(`usage: no such file: ${file}`);
  const checked = optionsSchema.safeParse(parsed.values);
  if (!checked.success)
    throw new Error(
      `usage: --${checked.error.issues[0]?.path.join(".")}: ${checked.error.issues[0]?.message}\n${USAGE}`,
    );
  const options = checked.data;

  const problems: VoteFileProblem[] = [];
  const cells = new PairCellAccumulator();
  const ordered: (RatedBattle & { tstamp: number | null })[] = [];
  for await (const battle of readVoteFile(file, problems)) {
    if (!isCountedVoteRow(battle, { includeFlagged: options["include-flagged"] })) continue;
    if (options.category && !battle.categories.includes(options.category)) continue;
    if (options.method === "bt") cells.add(battle);
    else ordered.push(battle);
  }
  // Elo replays votes in time order (stable for equal or missing timestamps).
  ordered.sort((a, b) => (a.tstamp ?? 0) - (b.tstamp ?? 0));
  const result =
    options.method === "bt"
      ? computeBradleyTerry(cells.toCells(), {
          bootstrap: options.bootstrap ?? 1000,
          seed: options.seed,
          anchor: options.anchor,
        })
      : computeElo(ordered, { bootstrap: options.bootstrap ?? 100, seed: options.seed });

  for (const problem of problems.slice(0, 20)) console.error(`line ${problem.line}: ${problem.message}`);
  if (problems.length > 20) console.error(`… and ${problems.length - 20} more malformed rows`);
  for (const warning of result.warnings) console.error(`warning: ${warning}`);

  const rows = result.rows.map(({ model, rating, ciLow, ciHigh, rank, votes, winRate }) => ({
    model,
    rating,
    ciLow,
    ciHigh,
    rank,
    votes,
    winRate,
  }));
  if (options.json) {
    console.log(
      JSON.stringify(
        { method: result.method, votes: result.votes, skippedRows: problems.length, params: result.params, rows },
        null,
        2,
      ),
    );
    return;
  }
  console.log(
    `${result.method === "bt" ? "Bradley-Terry" : "Elo"} over ${result.votes} votes${options.category ? ` in ${options.category}` : ""}`,
  );
  console.log(["rank", "model".padEnd(28), "rating", "95% CI".padStart(17), "votes", "win rate"].join("  "));
  for (const r of rows) {
    console.log(
      [
        String(r.rank).padStart(4),
        r.model.padEnd(28),
        r.rating.toFixed(1).padStart(6),
        `${r.ciLow.toFixed(1)}–${r.ciHigh.toFixed(1)}`.padStart(17),
        String(r.votes).padStart(5),
        `${(100 * r.winRate).toFixed(1)}%`.padStart(8),
      ].join("  "),
    );
  }
});
