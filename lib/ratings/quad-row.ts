import { z } from "zod";
import type { RatedQuad } from "./types";
import type { TaggedVote } from "./failure-profile";
import {
  type FileBattle,
  listField,
  measureField,
  normaliseModelName,
  timesField,
  toBattle,
  tstampField,
  type VoteFileProblem,
} from "./vote-row";

/** The export's side labels of a quad, in shown order (best and worst name one of them). */
export const QUAD_SIDES = ["model_a", "model_b", "model_c", "model_d"] as const;

/** The export's columns of a quad's failure marks and clips C and D (read with the tags, ReadVoteFileOptions.tagsAndClips). */
export const QUAD_MARK_COLUMNS = [
  "tags_c",
  "tags_d",
  "tag_times_c_ms",
  "tag_times_d_ms",
  "delivered_c_ms",
  "delivered_d_ms",
] as const;

/** One clip of a quad as a vote file gives it: the voter's failure tags on it and their marks. */
export interface FileQuadClip {
  tags: readonly string[];
  /** Marked times aligned with `tags`; null for a tag without a time. */
  times: readonly (number | null)[];
  /** Length of the clip as delivered, ms; null when the file does not say. */
  deliveredMs: number | null;
}

/** A quad vote as read from an export row (`battle_kind` = "quad"). */
export interface FileQuad {
  kind: "quad";
  quad: RatedQuad;
  /** Clips A to D in shown order (`tags_a` … `tags_d`, `tag_times_*_ms`, `delivered_*_ms`). */
  clips: readonly [FileQuadClip, FileQuadClip, FileQuadClip, FileQuadClip];
  categories: readonly string[];
  tstamp: number | null;
  flagged: boolean;
  /** `anony: false`: cast with the model names shown (not rated by default). */
  named: boolean;
  recognised: boolean;
  voteId: string | null;
  /** The voter and the prompt, for a clustered bootstrap (read only when asked, as FileBattle's). */
  judge?: string | null;
  promptId?: string | null;
}

/**
 * One row of a quad's pairwise expansion (`battle_kind` = "quad_pair", LMArena's columns): one of
 * the 5 rank-breaking pairs, the quad's `vote_id` shared by its rows, which the reader regroups.
 */
export interface FileQuadPair {
  kind: "quad_pair";
  battle: FileBattle;
  voteId: string;
}

/** The kinds of row a quad reader receives (ReadVoteFileOptions.onQuad). */
export type FileQuadRow = FileQuad | FileQuadPair;

const modelField = z.string().transform(normaliseModelName).pipe(z.string().min(1));
const sideField = z.union([z.enum(QUAD_SIDES), z.literal("").transform(() => null), z.null()], {
  error: (issue) => `expected model_a, model_b, model_c, model_d or empty, got ${JSON.stringify(issue.input)}`,
});
const flagField = z.union([
  z.boolean(),
  z.enum(["true", "false", "True", "False", "1", "0", ""]).transform((v) => v === "true" || v === "True" || v === "1"),
]);
const idField = z
  .union([z.string(), z.number().transform(String)])
  .optional()
  .nullable();

/** A quad row's columns (the pair row's columns besides model_c, model_d, best, worst; winner empty). */
const quadRowSchema = z
  .object({
    battle_kind: z.literal("quad"),
    vote_id: idField,
    model_a: modelField,
    model_b: modelField,
    model_c: modelField,
    model_d: modelField,
    winner: z
      .union([z.literal(""), z.null()], { error: "must be empty on a quad row (best and worst give the vote)" })
      .optional(),
    best: sideField.optional(),
    worst: sideField.optional(),
    tags_a: listField.optional().nullable(),
    tags_b: listField.optional().nullable(),
    tags_c: listField.optional().nullable(),
    tags_d: listField.optional().nullable(),
    tag_times_a_ms: timesField.optional().nullable(),
    tag_times_b_ms: timesField.optional().nullable(),
    tag_times_c_ms: timesField.optional().nullable(),
    tag_times_d_ms: timesField.optional().nullable(),
    delivered_a_ms: measureField,
    delivered_b_ms: measureField,
    delivered_c_ms: measureField,
    delivered_d_ms: measureField,
    category: z.string().optional().nullable(),
    categories: listField.optional().nullable(),
    tstamp: tstampField,
    flagged: flagField.optional().nullable(),
    anony: flagField.optional().nullable(),
    recognised_correctly: flagField.optional().nullable(),
    judge: idField,
    prompt_id: idField,
    question_id: idField,
  })
  .superRefine((row, ctx) => {
    const models = [row.model_a, row.model_b, row.model_c, row.model_d];
    models.forEach((model, i) => {
      const first = models.indexOf(model);
      if (first < i)
        ctx.addIssue({
          code: "custom",
          path: [QUAD_SIDES[i] as string],
          message: `repeats ${QUAD_SIDES[first]} (${model})`,
        });
    });
    const [best, worst] = [row.best ?? null, row.worst ?? null];
    if ((best === null) !== (worst === null))
      ctx.addIssue({
        code: "custom",
        path: [best === null ? "best" : "worst"],
        message: "best and worst are both given, or both empty (all bad)",
      });
    else if (best !== null && best === worst)
      ctx.addIssue({ code: "custom", path: ["worst"], message: `the same clip as best (${best})` });
  });

/**
 * A row whose `battle_kind` is "quad" or "quad_pair" as a FileQuad or FileQuadPair, or null with
 * the reason (its line, the field and what is wrong) added to `problems`, marked `quad`: such a
 * row names an impossible vote (best = worst, a side outside model_a..model_d, a model twice, a
 * quad_pair row without its vote_id). Undefined for any other row (a pair row: toBattle reads it).
 */
export function toQuadRow(
  raw: unknown,
  line: number,
  problems: VoteFileProblem[],
  clusterKeys: boolean,
): FileQuadRow | null | undefined {
  if (raw === null || typeof raw !== "object") return undefined;
  const kind = (raw as { battle_kind?: unknown }).battle_kind;
  if (kind === "quad_pair") {
    const row = raw as Record<string, unknown>;
    const voteId = typeof row.vote_id === "number" ? String(row.vote_id) : row.vote_id;
    if (typeof voteId !== "string" || voteId === "") {
      problems.push({ line, message: "vote_id: a quad_pair row needs its quad's vote_id", quad: true });
      return null;
    }
    const before = problems.length;
    const battle = toBattle({ ...row, battle_kind: "anonymous" }, line, problems, clusterKeys);
    for (const problem of problems.slice(before)) problem.quad = true;
    return battle && { kind: "quad_pair", battle, voteId };
  }
  if (kind !== "quad") return undefined;
  const parsed = quadRowSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    problems.push({ line, message: `${issue?.path.join(".") || "row"}: ${issue?.message ?? "invalid"}`, quad: true });
    return null;
  }
  const row = parsed.data;
  const side = (label: (typeof QUAD_SIDES)[number] | null | undefined) =>
    label == null ? null : (QUAD_SIDES.indexOf(label) as 0 | 1 | 2 | 3);
  const categories = row.categories && row.categories.length > 0 ? row.categories : row.category ? [row.category] : [];
  const clip = (
    tags: readonly string[] | null | undefined,
    times: readonly (number | null)[] | null | undefined,
    deliveredMs: number | null | undefined,
  ): FileQuadClip => ({
    tags: tags ?? [],
    times: (tags ?? []).map((_, i) => times?.[i] ?? null),
    deliveredMs: deliveredMs ?? null,
  });
  return {
    kind: "quad",
    quad: {
      models: [row.model_a, row.model_b, row.model_c, row.model_d],
      best: side(row.best),
      worst: side(row.worst),
    },
    clips: [
      clip(row.tags_a, row.tag_times_a_ms, row.delivered_a_ms),
      clip(row.tags_b, row.tag_times_b_ms, row.delivered_b_ms),
      clip(row.tags_c, row.tag_times_c_ms, row.delivered_c_ms),
      clip(row.tags_d, row.tag_times_d_ms, row.delivered_d_ms),
    ],
    categories,
    tstamp: typeof row.tstamp === "number" ? row.tstamp : null,
    flagged: row.flagged ?? false,
    named: row.anony === false,
    recognised: row.recognised_correctly ?? false,
    voteId: row.vote_id || null,
    ...(clusterKeys ? { judge: row.judge || null, promptId: row.prompt_id || row.question_id || null } : {}),
  };
}

/**
 * A quad's four clip appearances as the failure profile and the usable share read them: each
 * clip's tags, "all bad" when the voter picked no best (issue 32; the worst is a ranking, not a
 * failure).
 */
export function taggedQuad(quad: FileQuad): TaggedVote {
  return {
    sides: quad.quad.models.map((model, i) => ({ model, tags: quad.clips[i]?.tags ?? [] })),
    allBad: quad.quad.best === null,
    categories: quad.categories,
  };
}

/**
 * A parsed row of any kind: a pair row as toBattle reads it; a quad or quad_pair row handed to
 * `onQuad` (without it, left out: pair-only readers) and null. Problems as toBattle and toQuadRow.
 */
export function toVoteRow(
  raw: unknown,
  line: number,
  problems: VoteFileProblem[],
  clusterKeys: boolean,
  onQuad: ((row: FileQuadRow) => void) | undefined,
): FileBattle | null {
  const quad = toQuadRow(raw, line, problems, clusterKeys);
  if (quad === undefined) return toBattle(raw, line, problems, clusterKeys);
  if (quad && onQuad) onQuad(quad);
  return null;
}
