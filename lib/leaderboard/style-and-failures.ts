import { countedVoteSql } from "../counted-vote";
import type { Db } from "../db/client";
import { Prisma } from "../generated/sqlite/client";
import { FailureProfileAccumulator, type FailureProfileRow } from "../ratings/failure-profile";
import { deliveryFormatOf } from "../media/delivery-format";
import { readPromptMembers } from "../media/prompt-deliveries";
import { addAppearances, emptyUsableTally, type UsableTally } from "../ratings/usable-cost";
import type { QuadAppearances } from "./quad-appearances";
import {
  type ClipStyle,
  computeStyleControl,
  STYLE_FEATURE_NAMES,
  type StyleControlResult,
  StyledCellTable,
  styleDifferences,
} from "../ratings/style-control";

/** The clip properties style control reads, as a battle served them. */
type ServedClip = ClipStyle & { modelId: string };

/**
 * How a battle's clips were played: with sound on both sides when the battle was served with sound
 * (Battle.withSound: only when every clip of its prompt has sound, lib/arena/blind-pool.ts),
 * otherwise both silent, so `audio` is what the voter heard, not what the file holds — the same
 * value the export's audio_a/audio_b carry.
 */
export function servedStyles(left: ServedClip, right: ServedClip, withSound: boolean): [ClipStyle, ClipStyle] {
  return [
    { ...left, audio: withSound },
    { ...right, audio: withSound },
  ];
}

export interface StyleAndFailures {
  /** Style-controlled ratings per category ("overall" and each category), keyed by model slug. */
  style: Map<string, StyleControlResult>;
  /** Failure profile rows per model slug and category ("overall" first). */
  failures: FailureProfileRow[];
  /** Usable appearances per model slug and category ("overall" and each category; lib/ratings/usable-cost.ts). */
  usable: UsableRow[];
}

/** One model's usable tally in one category, as a snapshot keeps it. */
export interface UsableRow extends UsableTally {
  model: string;
  category: string;
}

/** Counted votes per prompt, ordered model pair, outcome and the battle's two clips and sound. */
interface BattleCellRow {
  promptId: string;
  leftModelId: string;
  rightModelId: string;
  outcome: "left" | "right" | "tie" | "both_bad";
  leftClipId: string;
  rightClipId: string;
  withSound: boolean | number;
  n: number | bigint;
}

/** Tags put on counted votes' clips, per prompt, ordered model pair, side and tag. */
interface TagCountRow {
  promptId: string;
  leftModelId: string;
  rightModelId: string;
  side: "left" | "right";
  tag: string;
  n: number | bigint;
}

/** Counted votes not "both bad" whose voter tagged one side with at least one failure, per prompt, ordered model pair and side. */
interface TaggedSideRow {
  promptId: string;
  leftModelId: string;
  rightModelId: string;
  side: "left" | "right";
  n: number | bigint;
}

/**
 * The counted votes (`filter`, on alias `v`) as cells: one grouped query over votes and their
 * battles, one over their tags, one over the sides with any tag (for the usable share), so what is
 * read grows with prompts × clip pairs × outcomes, never with votes (VoteTag's key makes each vote
 * count at most once per side and tag).
 */
async function readBattleCells(
  db: Db,
  filter: Prisma.Sql,
): Promise<{ cells: BattleCellRow[]; tags: TagCountRow[]; taggedSides: TaggedSideRow[] }> {
  const [cells, tags, taggedSides] = await Promise.all([
    db.$queryRaw<BattleCellRow[]>(Prisma.sql`
      SELECT v."promptId", v."leftModelId", v."rightModelId", v."outcome",
        b."leftClipId", b."rightClipId", b."withSound", COUNT(*) AS "n"
      FROM "Vote" v JOIN "Battle" b ON b."id" = v."battleId"
      WHERE ${filter}
      GROUP BY v."promptId", v."leftModelId", v."rightModelId", v."outcome",
        b."leftClipId", b."rightClipId", b."withSound"`),
    db.$queryRaw<TagCountRow[]>(Prisma.sql`
      SELECT v."promptId", v."leftModelId", v."rightModelId", t."side", t."tag", COUNT(*) AS "n"
      FROM "VoteTag" t JOIN "Vote" v ON v."id" = t."voteId"
      WHERE ${filter}
      GROUP BY v."promptId", v."leftModelId", v."rightModelId", t."side", t."tag"`),
    db.$queryRaw<TaggedSideRow[]>(Prisma.sql`
      SELECT v."promptId", v."leftModelId", v."rightModelId", t."side", COUNT(DISTINCT v."id") AS "n"
      FROM "VoteTag" t JOIN "Vote" v ON v."id" = t."voteId"
      WHERE ${filter} AND v."outcome" <> ${"both_bad"}
      GROUP BY v."promptId", v."leftModelId", v."rightModelId", t."side"`),
  ]);
  return { cells, tags, taggedSides };
}

/**
 * The failure profile, usable share and style control of the counted votes (`includeFlagged` as
 * countedVoteSql), from grouped counts (readBattleCells): the failure profile adds each model's
 * shown, both-bad and tag counts per prompt, and style-control cells are ordered model pair × the
 * clips' feature differences (so cells grow with clip pairs, never with votes); style control is
 * then fitted per category. The same rows and fits as feeding the votes one by one. Quad votes
 * (`quads`, readQuadAppearances; issue 32) add their four appearances to the failure profile and
 * the usable share ("all bad" as a pair's "both bad"; a quad's worst is a ranking, not a failure)
 * and nothing to style control, which models a pair's one outcome.
 */
export async function computeStyleAndFailures(
  db: Db,
  filter: { includeFlagged: boolean },
  categoriesOfPrompt: Map<string, string[]>,
  tagList: readonly string[],
  options: { bootstrap: number; seed: number },
  quads: QuadAppearances,
): Promise<StyleAndFailures> {
  const [models, clips, counted] = await Promise.all([
    db.model.findMany({ select: { id: true, slug: true } }),
    db.clip.findMany({
      select: { id: true, modelId: true, durationMs: true, width: true, height: true, frameRate: true, hasAudio: true },
    }),
    readBattleCells(db, countedVoteSql("v", { ...filter, battles: "pairs" })),
  ]);
  const slugOf = new Map(models.map((m) => [m.id, m.slug]));
  const clipOf = new Map(clips.map((c): [string, ServedClip] => [c.id, { ...c, audio: c.hasAudio }]));
  const cellsByCategory = new Map<string, StyledCellTable>();
  /** Shown, both-bad and tag counts per prompt and model id. */
  const tallies = new Map<
    string,
    { promptId: string; modelId: string; shown: number; bothBad: number; tags: Map<string, number> }
  >();
  const tally = (promptId: string, modelId: string) => {
    const key = `${promptId}\u0000${modelId}`;
    let t = tallies.get(key);
    if (!t) tallies.set(key, (t = { promptId, modelId, shown: 0, bothBad: 0, tags: new Map() }));
    return t;
  };

  for (const row of counted.cells) {
    const modelA = slugOf.get(row.leftModelId);
    const modelB = slugOf.get(row.rightModelId);
    const left = clipOf.get(row.leftClipId);
    const right = clipOf.get(row.rightClipId);
    if (!modelA || !modelB || !left || !right) continue;
    const n = Number(row.n);
    const bothBad = row.outcome === "both_bad" ? n : 0;
    for (const modelId of [row.leftModelId, row.rightModelId]) {
      const t = tally(row.promptId, modelId);
      t.shown += n;
      t.bothBad += bothBad;
    }
    const differences = styleDifferences(...servedStyles(left, right, Boolean(row.withSound)), STYLE_FEATURE_NAMES);
    const winner = row.outcome === "left" ? "a" : row.outcome === "right" ? "b" : "tie";
    for (const category of ["overall", ...(categoriesOfPrompt.get(row.promptId) ?? [])]) {
      let cells = cellsByCategory.get(category);
      if (!cells) cellsByCategory.set(category, (cells = new StyledCellTable()));
      cells.add(modelA, modelB, differences, winner, n);
    }
  }
  for (const row of counted.tags) {
    const modelId = row.side === "left" ? row.leftModelId : row.rightModelId;
    const t = tallies.get(`${row.promptId}\u0000${modelId}`);
    if (t) t.tags.set(row.tag, (t.tags.get(row.tag) ?? 0) + Number(row.n));
  }
  const taggedUsable = new Map<string, number>();
  const addTaggedUsable = (promptId: string, modelId: string, n: number) =>
    taggedUsable.set(`${promptId}\u0000${modelId}`, (taggedUsable.get(`${promptId}\u0000${modelId}`) ?? 0) + n);
  for (const row of counted.taggedSides)
    addTaggedUsable(row.promptId, row.side === "left" ? row.leftModelId : row.rightModelId, Number(row.n));
  for (const row of quads.appearances) {
    const t = tally(row.promptId, row.modelId);
    t.shown += row.n;
    if (row.allBad) t.bothBad += row.n;
    else if (row.tags > 0) addTaggedUsable(row.promptId, row.modelId, row.n);
  }
  for (const row of quads.tags) {
    const t = tally(row.promptId, row.modelId);
    t.tags.set(row.tag, (t.tags.get(row.tag) ?? 0) + row.n);
  }
  const deliveredMs = await readDeliveredLengths(db, [...new Set([...tallies.values()].map((t) => t.promptId))]);
  const failures = new FailureProfileAccumulator(tagList);
  const usable = new Map<string, UsableRow>();
  for (const [key, t] of tallies) {
    const model = slugOf.get(t.modelId);
    if (!model) continue;
    failures.addCounts(model, categoriesOfPrompt.get(t.promptId) ?? [], t.shown, t.bothBad, t.tags);
    const usableCount = Math.max(0, t.shown - t.bothBad - (taggedUsable.get(key) ?? 0));
    for (const category of ["overall", ...new Set(categoriesOfPrompt.get(t.promptId) ?? [])]) {
      let row = usable.get(`${model}\u0000${category}`);
      if (!row) usable.set(`${model}\u0000${category}`, (row = { model, category, ...emptyUsableTally() }));
      addAppearances(row, t.shown, usableCount, deliveredMs.get(t.promptId) ?? 0);
    }
  }

  const style = new Map(
    [...cellsByCategory].map(([category, cells]) => [
      category,
      computeStyleControl(cells.toCells(), STYLE_FEATURE_NAMES, options),
    ]),
  );
  return { style, failures: failures.rows(), usable: [...usable.values()] };
}

/**
 * Each prompt's delivered length in milliseconds: the length every rendition of it is rendered to
 * (deliveryFormatOf: the operator's choice clamped to its clips, else its shortest clip). A prompt
 * without live clips any more delivers nothing (0).
 */
async function readDeliveredLengths(db: Db, promptIds: readonly string[]): Promise<Map<string, number>> {
  const prompts = await readPromptMembers(db, promptIds);
  return new Map(
    [...prompts].map(([id, p]) => [
      id,
      p.members.length > 0 ? deliveryFormatOf(p.members, p.deliveryLengthMs).lengthMs : 0,
    ]),
  );
}
