import { createHmac } from "node:crypto";
import path from "node:path";
import type { Db } from "../db/client";
import { DomainError } from "../errors";
import { deliveredLengthMsOf } from "../media/delivery-format";
import type { ExportRow, QuadLabel } from "./columns";
import { expandQuadRow } from "./quad-pairs";
import type { ExportFilter, ExportQuery } from "./export-query";
import {
  countVotesSql,
  exportFilterSql,
  type PageEnd,
  type VotePageRow,
  votePageSql,
  type VoteTagRow,
  votePageTagsSql,
} from "./vote-page-sql";

/** Votes read per database round trip; also the Parquet row-group size. */
export const EXPORT_PAGE = 5_000;

const WINNER = {
  left: "model_a",
  right: "model_b",
  tie: "tie",
  both_bad: "tie (bothbad)",
  // A quad vote has no winner: its best and worst columns say what the voter chose.
  best_worst: null,
  all_bad: null,
} as const;

const QUAD_LABEL = { a: "model_a", b: "model_b", c: "model_c", d: "model_d" } as const satisfies Record<
  string,
  QuadLabel
>;

/** The per-clip columns of an exported vote (EXPORT_COLUMNS: clip ids and style-control facts). */
type ClipFactColumns = Pick<
  ExportRow,
  | "clip_a_id"
  | "clip_b_id"
  | "duration_a_ms"
  | "duration_b_ms"
  | "pixels_a"
  | "pixels_b"
  | "fps_a"
  | "fps_b"
  | "audio_a"
  | "audio_b"
>;

/** The same for a quad's clips C and D (issue 32). */
type QuadClipFactColumns = Pick<
  ExportRow,
  "clip_c_id" | "clip_d_id" | "duration_c_ms" | "duration_d_ms" | "pixels_c" | "pixels_d" | "fps_c" | "fps_d"
> &
  Pick<ExportRow, "audio_c" | "audio_d">;

/**
 * Per-clip facts of a vote on a prompt still in the blind pool are withheld (issue 25, item 5): a
 * clip's length, size, frame rate and sound, matched against what a battle serves, would name its
 * model before the vote, and its id would link battles of the same clip. They appear once the
 * prompt is published, in the live export and in releases made from then on.
 */
const WITHHELD: ClipFactColumns = {
  clip_a_id: null,
  clip_b_id: null,
  duration_a_ms: null,
  duration_b_ms: null,
  pixels_a: null,
  pixels_b: null,
  fps_a: null,
  fps_b: null,
  audio_a: null,
  audio_b: null,
};

const WITHHELD_QUAD: QuadClipFactColumns = {
  clip_c_id: null,
  clip_d_id: null,
  duration_c_ms: null,
  duration_d_ms: null,
  pixels_c: null,
  pixels_d: null,
  fps_c: null,
  fps_d: null,
  audio_c: null,
  audio_d: null,
};

interface ClipFacts {
  durationMs: number;
  width: number;
  height: number;
  frameRate: number | null;
}

/** The per-clip columns of a vote on a published prompt; sound is what the battle played. */
function clipFacts(
  vote: Pick<VotePageRow, "leftClipId" | "rightClipId" | "withSound">,
  left: ClipFacts | undefined,
  right: ClipFacts | undefined,
): ClipFactColumns {
  const audio = vote.withSound ? 1 : 0;
  return {
    clip_a_id: vote.leftClipId,
    clip_b_id: vote.rightClipId,
    duration_a_ms: left?.durationMs ?? null,
    duration_b_ms: right?.durationMs ?? null,
    pixels_a: left ? left.width * left.height : null,
    pixels_b: right ? right.width * right.height : null,
    fps_a: left?.frameRate ?? null,
    fps_b: right?.frameRate ?? null,
    audio_a: audio,
    audio_b: audio,
  };
}

/** Clips C and D of a quad vote on a published prompt, as clipFacts gives A and B. */
function quadClipFacts(
  vote: Pick<VotePageRow, "clipCId" | "clipDId" | "withSound">,
  c: ClipFacts | undefined,
  d: ClipFacts | undefined,
): QuadClipFactColumns {
  const audio = vote.withSound ? 1 : 0;
  return {
    clip_c_id: vote.clipCId,
    clip_d_id: vote.clipDId,
    duration_c_ms: c?.durationMs ?? null,
    duration_d_ms: d?.durationMs ?? null,
    pixels_c: c ? c.width * c.height : null,
    pixels_d: d ? d.width * d.height : null,
    fps_c: c?.frameRate ?? null,
    fps_d: d?.frameRate ?? null,
    audio_c: audio,
    audio_d: audio,
  };
}

/** The survey answer as exported: the named model's slug, "none", or null when there is no answer. */
function recognitionAnswer(
  vote: Pick<VotePageRow, "recognitionAnsweredAt" | "recognisedModelId">,
  modelSlug: Map<string, string>,
): string | null {
  if (!vote.recognitionAnsweredAt) return null;
  if (vote.recognisedModelId === null) return "none";
  return modelSlug.get(vote.recognisedModelId) ?? vote.recognisedModelId;
}

/** Checks that the query's category and model exist: 404 `unknown_category` / `unknown_model` otherwise. */
export async function checkExportFilters(db: Db, query: Pick<ExportQuery, "category" | "model">): Promise<void> {
  if (query.category && !(await db.category.findUnique({ where: { slug: query.category }, select: { id: true } })))
    throw new DomainError("unknown_category", `There is no category "${query.category}".`);
  if (query.model && !(await db.model.findUnique({ where: { slug: query.model }, select: { id: true } })))
    throw new DomainError("unknown_model", `There is no model "${query.model}".`);
}

/** Number of votes an export query selects. */
export async function countExportRows(db: Db, query: ExportFilter): Promise<number> {
  const [row] = await db.$queryRaw<{ n: number | bigint }[]>(countVotesSql(exportFilterSql(query)));
  return Number(row?.n ?? 0);
}

type Mark = Pick<VoteTagRow, "tag" | "atMs">;
/** A vote's marks by export column letter: a pair's left and right are a and b, a quad's sides a to d. */
type SideTags = Record<"a" | "b" | "c" | "d", Mark[]>;

const COLUMN_OF_SIDE = { left: "a", right: "b", a: "a", b: "b", c: "c", d: "d" } as const;

/** A page's tags (with their marked times) by vote id, each side sorted by tag. */
function groupTags(tags: VoteTagRow[]): Map<string, SideTags> {
  const byVote = new Map<string, SideTags>();
  for (const { voteId, side, tag, atMs } of tags) {
    let sides = byVote.get(voteId);
    if (!sides) byVote.set(voteId, (sides = { a: [], b: [], c: [], d: [] }));
    sides[COLUMN_OF_SIDE[side]].push({ tag, atMs: atMs === null ? null : Number(atMs) });
  }
  const byTag = (a: Mark, b: Mark) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0);
  for (const sides of byVote.values()) for (const marks of Object.values(sides)) marks.sort(byTag);
  return byVote;
}

/**
 * Streams the votes an export selects, oldest first, one page at a time: memory holds the page
 * being encoded, the next one being read, and the small catalog, whatever the vote count.
 * Stops when the consumer stops pulling. Pages are read with raw SQL (keyset on createdAt, id)
 * because `findMany` with nested relations spent more on materialising them than the encoders
 * spent writing them.
 */
export async function* readExportRows(db: Db, query: ExportFilter, judgeSalt: string): AsyncGenerator<ExportRow[]> {
  const filter = exportFilterSql(query);
  const [models, clips, prompts] = await Promise.all([
    db.model.findMany({ select: { id: true, slug: true } }),
    db.clip.findMany({
      select: {
        id: true,
        durationMs: true,
        width: true,
        height: true,
        frameRate: true,
        hasAudio: true,
        firstTake: true,
        renditionFormat: true,
        heldLastFrameMs: true,
      },
    }),
    db.prompt.findMany({
      select: {
        id: true,
        textZh: true,
        textEn: true,
        mode: true,
        imageKey: true,
        publishedAt: true,
        categories: { select: { category: { select: { slug: true, createdAt: true } } } },
      },
    }),
  ]);
  // Models by slug: unique, where two display names could look alike.
  const modelSlug = new Map(models.map((m) => [m.id, m.slug]));
  const clipOf = new Map(clips.map((c) => [c.id, c]));
  const promptInfo = new Map(
    prompts.map((p) => [
      p.id,
      {
        ...p,
        categories: p.categories
          .map((c) => c.category)
          .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
          .map((c) => c.slug),
        imageId: p.imageKey ? path.basename(p.imageKey).replace(/\.[a-z0-9]+$/i, "") : null,
      },
    ]),
  );
  const judges = new Map<string, string>();
  const judgeOf = (session: string) => {
    let judge = judges.get(session);
    if (!judge) {
      judge = createHmac("sha256", judgeSalt).update(session).digest("hex").slice(0, 16);
      judges.set(session, judge);
    }
    return judge;
  };

  const readPage = (after: PageEnd | null) => db.$queryRaw<VotePageRow[]>(votePageSql(filter, after, EXPORT_PAGE));
  let after: PageEnd | null = null;
  let next: Promise<VotePageRow[]> = readPage(after);
  for (;;) {
    const page = await next;
    const last = page[page.length - 1];
    if (!last) return;
    const end = { createdAt: last.createdAt, id: last.id };
    // Ask for the next page now: PostgreSQL reads it in its own process while this one is tagged
    // and encoded (SQLite's driver is synchronous, so there it only moves the work).
    next = page.length < EXPORT_PAGE ? Promise.resolve([]) : readPage(end);
    next.catch(() => {}); // handled where awaited; a consumer that stops early never awaits it
    const tags = groupTags([
      ...(await db.$queryRaw<VoteTagRow[]>(votePageTagsSql(filter, after, end))),
      // A quad's tags (issue 32) are read only for a page that has quad votes.
      ...(page.some((vote) => Number(vote.size) === 4)
        ? await db.$queryRaw<VoteTagRow[]>(votePageTagsSql(filter, after, end, "QuadVoteTag"))
        : []),
    ]);
    const rows = page.map((vote): ExportRow => {
      const prompt = promptInfo.get(vote.promptId);
      const voteTags = tags.get(vote.id);
      const [left, right] = [clipOf.get(vote.leftClipId), clipOf.get(vote.rightClipId)];
      const facts = prompt?.publishedAt ? clipFacts(vote, left, right) : WITHHELD;
      const quad = Number(vote.size) === 4;
      const [third, fourth] =
        quad && vote.clipCId && vote.clipDId ? [clipOf.get(vote.clipCId), clipOf.get(vote.clipDId)] : [];
      const quadFacts = quad && prompt?.publishedAt ? quadClipFacts(vote, third, fourth) : WITHHELD_QUAD;
      const marks = (side: keyof SideTags) => voteTags?.[side] ?? [];
      return {
        vote_id: vote.id,
        tstamp: vote.createdAt.getTime() / 1000,
        model_a: modelSlug.get(vote.leftModelId) ?? vote.leftModelId,
        model_b: modelSlug.get(vote.rightModelId) ?? vote.rightModelId,
        winner: WINNER[vote.outcome],
        category: prompt?.categories[0] ?? "",
        categories: prompt?.categories ?? [],
        battle_kind: quad ? "quad" : vote.kind,
        prompt_id: vote.promptId,
        prompt_text_zh: prompt?.textZh ?? null,
        prompt_text_en: prompt?.textEn ?? null,
        mode: prompt?.mode ?? "",
        image_id: prompt?.imageId ?? null,
        ...facts,
        first_take_a: left?.firstTake ?? true,
        first_take_b: right?.firstTake ?? true,
        tags_a: marks("a").map((mark) => mark.tag),
        tags_b: marks("b").map((mark) => mark.tag),
        tag_times_a_ms: marks("a").map((mark) => mark.atMs),
        tag_times_b_ms: marks("b").map((mark) => mark.atMs),
        // The delivered length is the prompt's, announced with every battle before the vote: not withheld.
        delivered_a_ms: left ? deliveredLengthMsOf(left) : null,
        delivered_b_ms: right ? deliveredLengthMsOf(right) : null,
        decision_ms: vote.decisionMs,
        flagged: vote.flagged || vote.excluded,
        flag_reason: vote.excluded ? "excluded" : vote.flagReason,
        judge: judgeOf(vote.voterSessionId),
        recognition_answer: recognitionAnswer(vote, modelSlug),
        recognition_candidates: vote.recognitionAnsweredAt ? vote.recognitionCandidates : null,
        recognised_correctly: Boolean(vote.recognisedCorrectly),
        model_c: vote.modelCId ? (modelSlug.get(vote.modelCId) ?? vote.modelCId) : null,
        model_d: vote.modelDId ? (modelSlug.get(vote.modelDId) ?? vote.modelDId) : null,
        best: vote.best ? QUAD_LABEL[vote.best] : null,
        worst: vote.worst ? QUAD_LABEL[vote.worst] : null,
        ...quadFacts,
        first_take_c: quad ? (third?.firstTake ?? true) : null,
        first_take_d: quad ? (fourth?.firstTake ?? true) : null,
        tags_c: marks("c").map((mark) => mark.tag),
        tags_d: marks("d").map((mark) => mark.tag),
        tag_times_c_ms: marks("c").map((mark) => mark.atMs),
        tag_times_d_ms: marks("d").map((mark) => mark.atMs),
        delivered_c_ms: third ? deliveredLengthMsOf(third) : null,
        delivered_d_ms: fourth ? deliveredLengthMsOf(fourth) : null,
      };
    });
    yield query.expand === "pairs" ? rows.flatMap(expandQuadRow) : rows;
    after = end;
  }
}
