// npm run ratings -- <votes.csv|.jsonl|.json|.parquet> [--category <slug>] [--method bt|bt-half|elo]
//   [--intervals bootstrap|sandwich] [--bootstrap N] [--seed S] [--cluster none|voter|prompt] [--anchor <model>=<rating>]
//   [--votes-from pairs|quads|both] [--include-named] [--include-flagged] [--exclude-recognised] [--failures]
//   [--control duration,resolution,fps,audio] [--prices prices.csv] [--json]
// Recomputes a leaderboard from an exported vote file (or an LMArena battle file); --failures prints
// each model's failure profile and time to first failure (Kaplan-Meier, from the marked times) and
// --control the style-controlled ratings, as the leaderboard publishes them; --prices adds price,
// generation time, usable share and cost per usable clip from a price table (a release's prices.csv,
// lib/ratings/price-table.ts), as the board shows them. Quad votes (`battle_kind` quad, or a quad's
// pairwise expansion regrouped by vote_id) enter the fit as their 5 rank-breaking pairs, each quad
// one unit of the bootstrap and the sandwich (lib/ratings/rank-breaking.ts); --votes-from keeps
// only pair votes or only quad votes. --failures and --prices count a quad row's four clips as four
// appearances (all bad as both bad; its worst is not a failure), as the board does.
import fs from "node:fs";
import { parseArgs } from "node:util";
import { z } from "zod";
import { FAILURE_TAGS } from "../lib/arena/failure-tags";
import { computeBradleyTerry, computeElo, PairCellAccumulator, type RatedBattle } from "../lib/ratings";
import { FailureProfileAccumulator } from "../lib/ratings/failure-profile";
import { FAILURE_TIMES_METHOD, FailureTimeAccumulator, failureSubjectOf } from "../lib/ratings/failure-times";
import { formatInterval } from "../lib/interval-text";
import { MIN_ESTABLISHED_VOTES } from "../lib/ratings/provisional";
import {
  CLUSTER_UNITS,
  ClusterCellAccumulator,
  type ClusterUnit,
  DEFAULT_CLUSTER,
} from "../lib/ratings/cluster-resample";
import { type FileQuad, type FileQuadPair, type FileQuadRow, taggedQuad } from "../lib/ratings/quad-row";
import { taggedBattle } from "../lib/ratings/vote-row";
import { addGroupedVote, GroupedVoteAccumulator, rankBreakQuad } from "../lib/ratings/rank-breaking";
import { computeStyleControl, STYLE_FEATURE_NAMES, type StyleFeature } from "../lib/ratings/style-control";
import { STYLE_FEATURE_COLUMNS, StyledCellAccumulator } from "../lib/ratings/styled-cells";
import { readVoteBatches, VOTE_FILE_TYPES, type VoteFileProblem } from "../lib/ratings/io/vote-file";
import { VoteSelection } from "../lib/ratings/vote-selection";
import { printFailures, printFailureTimes, printStyleControl } from "./ratings-reports";
import { runCli } from "./run-cli";
import { parsePriceTable, type PriceRow } from "../lib/ratings/price-table";
import { costColumnsOf, UsableAccumulator } from "../lib/ratings/usable-cost";

const USAGE = `usage: npm run ratings -- <votes file: ${VOTE_FILE_TYPES}> [--category <slug>] [--method bt|bt-half|elo] [--intervals bootstrap|sandwich] [--bootstrap N] [--seed S] [--cluster none|voter|prompt] [--anchor <model>=<rating>] [--votes-from pairs|quads|both] [--include-named] [--include-flagged] [--exclude-recognised] [--failures] [--control ${STYLE_FEATURE_NAMES.join(",")}] [--prices prices.csv] [--json]`;

const optionsSchema = z.object({
  category: z.string().min(1).optional(),
  method: z.enum(["bt", "bt-half", "elo"]).default("bt"),
  intervals: z.enum(["bootstrap", "sandwich"]).default("bootstrap"),
  bootstrap: z.coerce.number().int().min(0).max(100_000).optional(),
  seed: z.coerce.number().int().default(42),
  cluster: z.enum(CLUSTER_UNITS as [ClusterUnit, ...ClusterUnit[]]).optional(),
  anchor: z
    .string()
    .regex(/^.+=-?\d+(\.\d+)?$/, "expected <model>=<rating>")
    .transform((v) => ({
      model: v.slice(0, v.lastIndexOf("=")).trim().normalize("NFC"),
      rating: Number(v.slice(v.lastIndexOf("=") + 1)),
    }))
    .optional(),
  "votes-from": z.enum(["pairs", "quads", "both"]).default("both"),
  "include-named": z.boolean().default(false),
  "include-flagged": z.boolean().default(false),
  "exclude-recognised": z.boolean().default(false),
  failures: z.boolean().default(false),
  control: z
    .string()
    .transform((v) => v.split(",").map((feature) => feature.trim()))
    .pipe(
      z.array(
        z.enum(STYLE_FEATURE_NAMES as [StyleFeature, ...StyleFeature[]], {
          error: (issue) => `unknown feature "${String(issue.input)}" (expected ${STYLE_FEATURE_NAMES.join(", ")})`,
        }),
      ),
    )
    .optional(),
  prices: z.string().min(1).optional(),
  json: z.boolean().default(false),
});

// One line: what is wrong, then the expected command (runCli prints it after "error: ").
const usage = (message: string) =>
  new Error(`usage: ${message.replace(/\s*\n\s*/g, " ")} (${USAGE.replace(/^usage: /, "")})`);

function readOptions() {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        category: { type: "string" },
        method: { type: "string" },
        intervals: { type: "string" },
        bootstrap: { type: "string" },
        seed: { type: "string" },
        cluster: { type: "string" },
        anchor: { type: "string" },
        "votes-from": { type: "string" },
        "include-named": { type: "boolean" },
        "include-flagged": { type: "boolean" },
        "exclude-recognised": { type: "boolean" },
        failures: { type: "boolean" },
        control: { type: "string" },
        prices: { type: "string" },
        json: { type: "boolean" },
      },
    });
  } catch (error) {
    throw usage((error as Error).message);
  }
  const file = parsed.positionals[0];
  if (!file || parsed.positionals.length > 1) throw usage("give exactly one vote file");
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw usage(`no such file: ${file}`);
  if (!/\.(csv|jsonl|json|parquet)$/i.test(file)) throw usage(`unknown vote file type: ${file}`);
  const checked = optionsSchema.safeParse(parsed.values);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw usage(`--${String(issue?.path[0] ?? "")}: ${issue?.message}`);
  }
  if (checked.data.anchor && checked.data.method === "elo")
    throw usage("--anchor applies to --method bt or bt-half only");
  if (checked.data.intervals === "sandwich" && checked.data.method === "elo")
    throw usage("--intervals sandwich applies to --method bt or bt-half only");
  const resamples = checked.data.method !== "elo" && checked.data.intervals === "bootstrap";
  if (checked.data.cluster && checked.data.cluster !== "none" && !resamples)
    throw usage("--cluster resamples the Bradley-Terry bootstrap: it takes no --method elo or --intervals sandwich");
  if (
    checked.data.control &&
    (checked.data.method === "elo" || checked.data.intervals === "sandwich" || checked.data.anchor)
  )
    throw usage(
      "--control fits Bradley-Terry with bootstrap intervals: it takes no --method elo, --intervals sandwich or --anchor",
    );
  if (checked.data.prices && (checked.data.failures || checked.data.control))
    throw usage("--prices adds columns to the plain board: it takes no --failures or --control");
  let prices: PriceRow[] | null = null;
  if (checked.data.prices) {
    const pricesFile = checked.data.prices;
    if (!fs.existsSync(pricesFile) || !fs.statSync(pricesFile).isFile()) throw usage(`no such file: ${pricesFile}`);
    try {
      prices = parsePriceTable(fs.readFileSync(pricesFile, "utf8"));
    } catch (error) {
      throw usage(`--prices ${pricesFile}: ${(error as Error).message}`);
    }
  }
  // The published board's unit by default, for the Bradley-Terry bootstrap only.
  const cluster: ClusterUnit = checked.data.cluster ?? (resamples ? DEFAULT_CLUSTER : "none");
  return { file, options: { ...checked.data, cluster }, prices };
}

/** A model's row of the price table in a category, else its overall row (its facts, without a clip length). */
function priceRowOf(prices: readonly PriceRow[], model: string, category: string): PriceRow | undefined {
  const own = prices.find((p) => p.model === model && p.category === category);
  if (own) return own;
  const overall = prices.find((p) => p.model === model && p.category === "overall");
  return overall && { ...overall, category, clipSeconds: category === "overall" ? overall.clipSeconds : null };
}

const COST_HEADER = [
  "USD/s".padStart(8),
  "gen s".padStart(6),
  "usable (95% CI)".padStart(20),
  "USD/usable clip (95% CI)",
].join("  ");
const usd = (v: number | null, digits: number) => (v === null ? "" : v.toFixed(digits));
/** The cost columns as text, blank where unknown. */
function costText(r: Partial<ReturnType<typeof costColumnsOf>>): string {
  const share =
    r.usableShare == null
      ? ""
      : `${(100 * r.usableShare).toFixed(0)}% (${(100 * (r.usableCiLow ?? 0)).toFixed(0)}–${(100 * (r.usableCiHigh ?? 1)).toFixed(0)}%)`;
  const cost =
    r.costPerUsableClipUsd == null && r.costCiLow == null
      ? ""
      : `${usd(r.costPerUsableClipUsd ?? null, 2) || "–"} (${usd(r.costCiLow ?? null, 2) || "…"}–${usd(r.costCiHigh ?? null, 2) || "∞"})`;
  return [
    usd(r.pricePerSecondUsd ?? null, 3).padStart(8),
    (r.generationSeconds == null ? "" : r.generationSeconds.toFixed(0)).padStart(6),
    share.padStart(20),
    cost,
  ].join("  ");
}

/** One line for each requested feature the votes cannot give, or undefined when all can. */
function lackingColumns(file: string, styled: StyledCellAccumulator, votes: number): string | undefined {
  for (const feature of styled.features) {
    const columns = STYLE_FEATURE_COLUMNS[feature].join(", ");
    const lacking = styled.counts.lacking[feature] ?? 0;
    if ((lacking > 0 && lacking === votes) || (feature === "fps" && styled.withFps === 0 && votes > 0))
      return `--control ${feature}: ${file} lacks the columns ${columns}`;
    if (lacking > 0) return `--control ${feature}: ${lacking} of ${votes} votes in ${file} lack ${columns}`;
  }
  return undefined;
}

/** A quad vote as rated: its rank-breaking pairs (none when all bad) and what Elo and clusters read. */
interface QuadVote {
  pairs: readonly RatedBattle[];
  tstamp: number | null;
  judge?: string | null;
  promptId?: string | null;
}

/**
 * Collects a file's quad rows as the selection keeps them, and a pairwise expansion's quad_pair
 * rows regrouped by vote_id (a quad row with the same vote_id wins: its rows are counted once).
 */
class QuadCollector {
  readonly quads: FileQuad[] = [];
  readonly expanded = new Map<string, FileQuadPair[]>();
  rows = 0;

  constructor(private readonly selection: VoteSelection) {}

  add(row: FileQuadRow): void {
    this.rows += 1;
    if (row.kind === "quad") {
      if (this.selection.keep(row)) this.quads.push(row);
      return;
    }
    // A quad's pairs share its vote_id: each (vote_id, pair) is one row, counted once.
    const { battle, voteId } = row;
    if (!this.selection.keep({ ...battle, voteId: `${voteId}\u0000${battle.modelA}\u0000${battle.modelB}` })) return;
    const group = this.expanded.get(voteId) ?? [];
    group.push(row);
    this.expanded.set(voteId, group);
  }

  /** Every kept quad vote, and how many expansion groups repeated a quad row's vote_id. */
  votes(): { votes: QuadVote[]; repeated: number } {
    const votes: QuadVote[] = this.quads.map((q) => ({
      pairs: rankBreakQuad(q.quad),
      tstamp: q.tstamp,
      judge: q.judge,
      promptId: q.promptId,
    }));
    const quadIds = new Set(this.quads.map((q) => q.voteId));
    let repeated = 0;
    for (const [voteId, rows] of this.expanded) {
      if (quadIds.has(voteId)) {
        repeated += 1;
        continue;
      }
      const first = (rows[0] as FileQuadPair).battle;
      votes.push({
        pairs: rows.map(({ battle }) => ({ modelA: battle.modelA, modelB: battle.modelB, winner: battle.winner })),
        tstamp: first.tstamp,
        judge: first.judge,
        promptId: first.promptId,
      });
    }
    return { votes, repeated };
  }
}

/** The first malformed rows and every warning, on stderr. */
function printProblems(problems: readonly VoteFileProblem[], warnings: readonly string[]): void {
  for (const problem of problems.slice(0, 20)) console.error(`line ${problem.line}: ${problem.message}`);
  if (problems.length > 20) console.error(`… and ${problems.length - 20} more malformed rows`);
  for (const warning of warnings) console.error(`warning: ${warning}`);
}

runCli(async () => {
  const { file, options, prices } = readOptions();
  const usable = prices ? new UsableAccumulator() : null;
  const problems: VoteFileProblem[] = [];
  const selection = new VoteSelection({
    category: options.category,
    includeNamed: options["include-named"],
    includeFlagged: options["include-flagged"],
    excludeRecognised: options["exclude-recognised"],
  });
  const cells = new PairCellAccumulator();
  // --cluster: each voter's (judge's) or prompt's votes, and how many votes lack the key.
  const clusters = new ClusterCellAccumulator();
  let keyless = 0;
  const ordered: (RatedBattle & { tstamp: number | null })[] = [];
  const failures = options.failures ? new FailureProfileAccumulator(FAILURE_TAGS) : null;
  const failureTimes = options.failures ? new FailureTimeAccumulator() : null;
  let withoutLength = 0;
  const styled = options.control ? new StyledCellAccumulator(options.control) : null;
  const knownTags = new Set<string>(FAILURE_TAGS);
  const otherTags = new Set<string>();
  const tagsAndClips = failures !== null || styled !== null || usable !== null;
  let kept = 0;
  // --failures and --control report no rating bootstrap: no cluster key to read.
  const clusterKeys = options.cluster !== "none" && !options.failures && !options.control;
  const votesFrom = options["votes-from"];
  const quadRows = new QuadCollector(selection);
  const onQuad = votesFrom === "pairs" ? undefined : (row: FileQuadRow) => quadRows.add(row);
  for await (const batch of readVoteBatches(file, problems, { tagsAndClips, clusterKeys, onQuad }))
    for (const battle of batch) {
      if (votesFrom === "quads" || !selection.keep(battle)) continue;
      kept += 1;
      if (usable || failures) {
        const tagged = taggedBattle(battle);
        usable?.add(tagged);
        failures?.add(tagged);
      }
      if (failures) {
        for (const tag of [...battle.tagsA, ...battle.tagsB]) if (!knownTags.has(tag)) otherTags.add(tag);
      }
      if (failureTimes) {
        const { timesA, timesB, deliveredA, deliveredB } = battle.marks;
        if (deliveredA === null || deliveredB === null) withoutLength += 1;
        else {
          failureTimes.add(battle.modelA, battle.categories, failureSubjectOf(timesA, deliveredA));
          failureTimes.add(battle.modelB, battle.categories, failureSubjectOf(timesB, deliveredB));
        }
      }
      if (styled) styled.add(battle);
      else if (failures) continue;
      else if (options.method !== "elo") {
        cells.add(battle);
        if (clusterKeys) {
          const key = options.cluster === "voter" ? battle.judge : battle.promptId;
          if (!key) keyless += 1;
          else clusters.add(key, battle);
        }
      }
      // Only what Elo reads: a vote file's battle may share its read block's memory (its vote_id).
      else ordered.push({ modelA: battle.modelA, modelB: battle.modelB, winner: battle.winner, tstamp: battle.tstamp });
    }
  const impossible = problems.find((problem) => problem.quad);
  if (impossible) {
    // A quad row naming an impossible vote: the file is wrong, not merely untidy.
    console.error(`error: ${file} line ${impossible.line}: ${impossible.message}`);
    process.exitCode = 2;
    return;
  }
  const { votes: quadVotes, repeated } = quadRows.votes();
  // A quad row's four clips are four appearances in the failure profile, times and usable share,
  // as the board counts them (lib/leaderboard/quad-appearances.ts).
  const quadsWithoutLength = new Set<FileQuad>();
  for (const quad of quadRows.quads) {
    const tagged = taggedQuad(quad);
    usable?.add(tagged);
    failures?.add(tagged);
    for (const [i, model] of quad.quad.models.entries()) {
      const clip = quad.clips[i];
      if (!failureTimes || !clip) continue;
      if (clip.deliveredMs === null) quadsWithoutLength.add(quad);
      else failureTimes.add(model, quad.categories, failureSubjectOf(clip.times, clip.deliveredMs));
    }
    if (failures)
      for (const tag of tagged.sides.flatMap((side) => side.tags)) if (!knownTags.has(tag)) otherTags.add(tag);
  }
  // A pairwise expansion's rows carry no whole quad (an all-bad one has none): not profiled.
  const expandedOnly = quadVotes.length - quadRows.quads.length;
  const quadWarnings = [
    ...(repeated > 0
      ? [`${repeated} quads appear both as a quad row and as quad_pair rows with the same vote_id: counted once`]
      : []),
    ...(quadVotes.length > 0 && styled
      ? [`${quadVotes.length} quad votes are left out: --control reads pair votes only`]
      : []),
    ...(expandedOnly > 0 && (failures || usable)
      ? [
          `${expandedOnly} quads read as quad_pair rows are left out of the failures and the usable share: export without expand=pairs to count their clips`,
        ]
      : []),
    ...(quadVotes.length > 0 && options.method === "elo"
      ? [
          `Elo replays each of ${quadVotes.length} quad votes as its rank-breaking pairs, one game each; its bootstrap resamples them as independent games`,
        ]
      : []),
  ];
  let allBad = 0;
  const quadGroups = new GroupedVoteAccumulator();
  if (!failures && !styled)
    for (const quad of quadVotes) {
      if (quad.pairs.length === 0) allBad += 1;
      if (options.method === "elo") {
        for (const pair of quad.pairs) ordered.push({ ...pair, tstamp: quad.tstamp });
        continue;
      }
      let cluster: PairCellAccumulator | undefined;
      if (clusterKeys && quad.pairs.length > 0) {
        const key = options.cluster === "voter" ? quad.judge : quad.promptId;
        if (!key) keyless += 1;
        else cluster = clusters.cluster(key);
      }
      addGroupedVote(quad.pairs, { cells, grouped: quadGroups, cluster });
    }
  if (failures || styled) {
    const lacking = styled && lackingColumns(file, styled, kept);
    if (lacking) throw usage(lacking);
    printProblems(problems, [...selection.warnings(), ...quadWarnings]);
    if (otherTags.size > 0)
      console.error(`warning: tags outside Clip Arena's list are not profiled: ${[...otherTags].sort().join(", ")}`);
    const profile = failures?.rows().filter((row) => !options.category || row.category === options.category);
    const times = failureTimes?.rows().filter((row) => !options.category || row.category === options.category);
    if (withoutLength > 0)
      console.error(
        `warning: ${withoutLength} votes lack delivered_a_ms/delivered_b_ms: left out of time to first failure`,
      );
    if (quadsWithoutLength.size > 0)
      console.error(
        `warning: ${quadsWithoutLength.size} quad votes lack a delivered_a_ms … delivered_d_ms: those clips are left out of time to first failure`,
      );
    const control =
      styled &&
      computeStyleControl(styled.toCells(), styled.features, {
        bootstrap: options.bootstrap ?? 1000,
        seed: options.seed,
      });
    if (options.json) {
      const skipped = { malformed: problems.length, ...selection.skipped };
      console.log(
        JSON.stringify(
          {
            votes: kept,
            skipped,
            failures: profile && { tags: FAILURE_TAGS, rows: profile },
            failureTimes: times && { method: FAILURE_TIMES_METHOD, rows: times },
            control,
          },
          null,
          2,
        ),
      );
      return;
    }
    if (control) printStyleControl(control, kept);
    if (control && profile) console.log("");
    if (profile) printFailures(profile, FAILURE_TAGS);
    if (times) printFailureTimes(times, FAILURE_TIMES_METHOD);
    return;
  }
  // A file without voters (no `judge` at all) falls back to single votes, as too few voters do.
  const noVoters = options.cluster === "voter" && keyless > 0 && clusters.size === 0;
  if (keyless > 0 && !noVoters)
    throw usage(
      `--cluster ${options.cluster}: ${keyless} of ${kept + quadVotes.length} votes in ${file} lack ${options.cluster === "voter" ? "judge" : "prompt_id (or question_id)"}`,
    );
  const rated = cells.toCells();
  if (options.anchor && !rated.some((c) => c.modelA === options.anchor?.model || c.modelB === options.anchor?.model))
    throw usage(`--anchor: model "${options.anchor.model}" has no rated votes in ${file}`);
  // Elo replays votes in time order (stable for equal or missing timestamps).
  ordered.sort((a, b) => (a.tstamp ?? 0) - (b.tstamp ?? 0));
  const result =
    options.method !== "elo"
      ? computeBradleyTerry(rated, {
          bootstrap: options.bootstrap ?? 1000,
          seed: options.seed,
          anchor: options.anchor,
          intervals: options.intervals,
          ties: options.method === "bt-half" ? "half" : "davidson",
          ...(options.cluster !== "none" && !noVoters
            ? { clusters: { unit: options.cluster, cells: clusters.toClusters() } }
            : {}),
          ...(quadGroups.votes > 0 ? { groupedVotes: quadGroups.toGroups() } : {}),
        })
      : computeElo(ordered, { bootstrap: options.bootstrap ?? 100, seed: options.seed });

  const fallback = noVoters
    ? [`${file} has no judge column: no voters to resample as clusters, so the bootstrap resampled single votes`]
    : [];
  printProblems(problems, [...selection.warnings(), ...quadWarnings, ...fallback, ...result.warnings]);

  const category = options.category ?? "overall";
  const rows = result.rows.map(({ model, rating, ciLow, ciHigh, group, rank, tier, votes, winRate, provisional }) => ({
    model,
    rating,
    ciLow,
    ciHigh,
    group,
    rank,
    tier: tier ?? null,
    votes,
    winRate,
    provisional,
    // The board's cost columns in the category: the price table's row, usable counts from the file.
    ...(prices && usable ? costColumnsOf(priceRowOf(prices, model, category), usable.get(model, category)) : {}),
  }));
  if (options.json) {
    const { params, method, votes, components } = result;
    const skipped = { malformed: problems.length, ...selection.skipped };
    // Only for a file with quad rows: a pair-only file's JSON is as before quads existed.
    const quads = quadRows.rows > 0 ? { quads: { votes: quadVotes.length, allBad, votesFrom } } : {};
    console.log(JSON.stringify({ method, votes, ...quads, skipped, params, groups: components, rows }, null, 2));
    return;
  }
  const title = `${result.method === "elo" ? "Elo (bootstrap median)" : `Bradley-Terry, ${result.method === "bt" ? "Davidson ties" : "ties as half a win"} (${options.intervals} intervals${result.params.cluster ? `, resampling ${result.params.cluster}s` : ""})`} over ${result.votes} votes${quadVotes.length > allBad ? ` (${quadVotes.length - allBad} of them quads, each as its 5 rank-breaking pairs)` : ""}${allBad > 0 ? `; ${allBad} all-bad quads imply no pair and are not rated` : ""}`;
  console.log(`${title}${options.category ? ` in ${options.category}` : ""}`);
  const grouped = result.components.length > 1;
  if (grouped)
    console.log(
      `${result.components.length} groups never compared with each other: ratings and ranks compare models of the same group only.`,
    );
  const width = Math.max(28, ...rows.map((r) => r.model.length));
  const header = [
    "rank",
    "tier",
    "model".padEnd(width),
    "rating",
    "95% CI".padStart(17),
    "votes",
    "win rate",
    ...(prices ? [COST_HEADER] : []),
  ];
  result.components.forEach((_, group) => {
    if (grouped) console.log(`\ngroup ${group + 1}`);
    console.log(header.join("  "));
    for (const r of rows.filter((row) => row.group === group)) {
      console.log(
        [
          String(r.rank).padStart(4),
          (r.tier === null ? "–" : String(r.tier)).padStart(4),
          r.model.padEnd(width),
          r.rating.toFixed(1).padStart(6),
          formatInterval(r.ciLow, r.ciHigh).padStart(17),
          String(r.votes).padStart(5),
          `${(100 * r.winRate).toFixed(1)}%`.padStart(8),
          ...(prices ? [costText(r)] : []),
          ...(r.provisional ? ["provisional"] : []),
        ].join("  "),
      );
    }
  });
  if (rows.some((r) => r.provisional))
    console.log(
      `\nprovisional: fewer than ${MIN_ESTABLISHED_VOTES} votes or an open side; listed after the established models of its group and not counted in their rank.`,
    );
  console.log(
    "tier: walking each group's established models from the highest rating down, a model joins the open tier while its upper bound reaches the lower bound of the model that opened it, else it opens the next tier (provisional models: –).",
  );
});
