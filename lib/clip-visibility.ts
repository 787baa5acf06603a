import type { Db } from "./db/client";
import { Prisma } from "./generated/sqlite/client";

// The one definition of which clips may be shown, and where, in the pattern of counted-vote.ts.
// Each condition is written once, as its Prisma filter and its SQL side by side; the filters and
// the SQL below are both assembled from this list, and tests/integration/catalog/clip-visibility
// checks on both engines that they select the same clips.
//
// - live: a clip the public may play at all — not hidden, not retired (superseded), with a
//   delivery rendition, and not marked watermarked by an operator (a visible stock-photo or
//   vendor mark can name its source; the clip stays out until a replacement supersedes it).
// - servable: live, and the arena may put it in a blind battle — its model is active, its prompt
//   is still in the blind pool (not published), it is the model's first take unless the prompt
//   allows other takes, and, once real clips exist, it is not a demo placeholder.
// - named: live, and its prompt is published, so named pages (/prompts, /compare, model pages,
//   the home page's showcase) may show it next to its model's name.

type Column = (name: string) => Prisma.Sql;

interface Condition {
  /** The Prisma `where` fragment on Clip; fragments of one rule never share a key. */
  where: Prisma.ClipWhereInput;
  /** The same condition on the "Clip" row under an alias. */
  sql: (clip: Column) => Prisma.Sql;
}

const LIVE: Condition[] = [
  { where: { hidden: false }, sql: (c) => Prisma.sql`${c("hidden")} = ${false}` },
  { where: { retiredAt: null }, sql: (c) => Prisma.sql`${c("retiredAt")} IS NULL` },
  { where: { renditionKey: { not: null } }, sql: (c) => Prisma.sql`${c("renditionKey")} IS NOT NULL` },
  { where: { watermarked: false }, sql: (c) => Prisma.sql`${c("watermarked")} = ${false}` },
];

/** Options of the blind-arena rule. */
export interface ServableOptions {
  /** Only clips of prompts in this category (its slug). */
  category?: string;
  /**
   * Whether demo placeholders may be served: only while no real clip is live
   * (see `placeholdersServable`), so placeholder and real clips never share the arena or a board.
   */
  placeholders: boolean;
}

const FIRST_TAKE: Condition = {
  // First takes only, unless the operator allowed other takes for this prompt.
  where: { OR: [{ firstTake: true }, { prompt: { otherTakesAllowed: true } }] },
  sql: (c) =>
    Prisma.sql`(${c("firstTake")} = ${true} OR EXISTS (SELECT 1 FROM "Prompt" p2 WHERE p2."id" = ${c("promptId")} AND p2."otherTakesAllowed" = ${true}))`,
};

function servable(options: ServableOptions): Condition[] {
  const category = options.category;
  return [
    ...LIVE,
    {
      where: { model: { active: true } },
      sql: (c) => Prisma.sql`EXISTS (SELECT 1 FROM "Model" m WHERE m."id" = ${c("modelId")} AND m."active" = ${true})`,
    },
    {
      where: {
        prompt: {
          publishedAt: null,
          ...(category ? { categories: { some: { category: { slug: category } } } } : {}),
        },
      },
      sql: (c) =>
        Prisma.sql`EXISTS (SELECT 1 FROM "Prompt" p WHERE p."id" = ${c("promptId")} AND p."publishedAt" IS NULL${
          category
            ? Prisma.sql` AND EXISTS (SELECT 1 FROM "PromptCategory" pc JOIN "Category" k ON k."id" = pc."categoryId"
              WHERE pc."promptId" = p."id" AND k."slug" = ${category})`
            : Prisma.empty
        })`,
    },
    FIRST_TAKE,
    ...(options.placeholders
      ? []
      : [{ where: { placeholder: false }, sql: (c: Column) => Prisma.sql`${c("placeholder")} = ${false}` }]),
  ];
}

const NAMED: Condition[] = [
  ...LIVE,
  {
    where: { prompt: { publishedAt: { not: null } } },
    sql: (c) =>
      Prisma.sql`EXISTS (SELECT 1 FROM "Prompt" p WHERE p."id" = ${c("promptId")} AND p."publishedAt" IS NOT NULL)`,
  },
];

function toWhere(conditions: Condition[]): Prisma.ClipWhereInput {
  return { AND: conditions.map((c) => c.where) };
}

function toSql(alias: string, conditions: Condition[]): Prisma.Sql {
  if (!/^[A-Za-z_]\w*$/.test(alias)) throw new Error(`not an SQL alias: ${alias}`);
  const column: Column = (name) => Prisma.raw(`${alias}."${name}"`);
  return Prisma.join(
    conditions.map((c) => c.sql(column)),
    " AND ",
  );
}

/**
 * Prisma `where` on Clip for a live clip: not hidden, not retired, with a delivery rendition, not
 * marked watermarked. The base of both other rules; readers that show clips use one of those.
 */
export function liveClipWhere(): Prisma.ClipWhereInput {
  return toWhere(LIVE);
}

/**
 * Prisma `where` on Clip for a clip the blind arena may serve: live, model active, prompt in the
 * blind pool (and in `options.category`), a first take unless the prompt allows other takes, and
 * not a placeholder unless `options.placeholders`.
 */
export function servableClipWhere(options: ServableOptions): Prisma.ClipWhereInput {
  return toWhere(servable(options));
}

/** The servable rule as an SQL condition on the "Clip" row under `alias` (values bound, both engines). */
export function servableClipSql(alias: string, options: ServableOptions): Prisma.Sql {
  return toSql(alias, servable(options));
}

/** Prisma `where` on Clip for a clip named pages may show: live, of a published prompt. */
export function namedClipWhere(): Prisma.ClipWhereInput {
  return toWhere(NAMED);
}

/** The named rule as an SQL condition on the "Clip" row under `alias` (values bound, both engines). */
export function namedClipSql(alias: string): Prisma.Sql {
  return toSql(alias, NAMED);
}

/**
 * `EXISTS` a live real (non-placeholder) clip, as an uncorrelated SQL condition with `alias` for
 * the inner "Clip": the SQL form of `placeholdersServable` negated, for rules decided in a query
 * (lib/counted-vote.ts, demo apart).
 */
export function liveRealClipExistsSql(alias: string): Prisma.Sql {
  return Prisma.sql`EXISTS (SELECT 1 FROM "Clip" ${Prisma.raw(alias)} WHERE ${Prisma.raw(alias)}."placeholder" = ${false} AND ${toSql(alias, LIVE)})`;
}

/**
 * Whether demo placeholders may be served now: only while no real (non-placeholder) clip is live.
 * Once an operator imports real clips, the arena serves real clips only, so a placeholder never
 * shares a battle, a pool or a board with a real clip (README "Demo content").
 */
export async function placeholdersServable(db: Db): Promise<boolean> {
  const real = await db.clip.findFirst({
    where: { AND: [liveClipWhere(), { placeholder: false }] },
    select: { id: true },
  });
  return real === null;
}

/**
 * Whether the arena currently serves any clip that is not a first take (some prompt allows other
 * takes and has one): the public "first takes only" claim holds only when this is false.
 */
export async function servesOtherTakes(db: Db): Promise<boolean> {
  const placeholders = await placeholdersServable(db);
  const clip = await db.clip.findFirst({
    where: { AND: [servableClipWhere({ placeholders }), { firstTake: false }] },
    select: { id: true },
  });
  return clip !== null;
}

/**
 * Real clips that only the first-take rule keeps out of the arena: later takes (`firstTake:
 * false`) on prompts that do not allow them, servable in every other respect. The import reports
 * them, since a set of later takes alone leaves the arena with nothing to serve.
 */
export async function laterTakesHeldBack(db: Db): Promise<{ clips: number; prompts: number }> {
  const held = await db.clip.findMany({
    where: {
      AND: [
        ...servable({ placeholders: false })
          .filter((c) => c !== FIRST_TAKE)
          .map((c) => c.where),
        { firstTake: false, prompt: { otherTakesAllowed: false } },
      ],
    },
    select: { promptId: true },
  });
  return { clips: held.length, prompts: new Set(held.map((c) => c.promptId)).size };
}

/**
 * A model is "placeholder only" when it has clips and every one of them is a demo placeholder
 * (synthetic test patterns, never a real generation); pages and the reveal mark such models. The
 * rule in its two forms: a Prisma filter on Model, and the same test over clips already in memory
 * (the arena's catalog index). tests/unit/placeholder-only.test.ts checks the in-memory form.
 */
export const PLACEHOLDER_ONLY_MODEL_WHERE = {
  clips: { some: { placeholder: true }, none: { placeholder: false } },
} as const satisfies Prisma.ModelWhereInput;

/** The ids of the models all of whose clips are placeholders, from (modelId, placeholder) pairs. */
export function placeholderOnlyModelIds(clips: Iterable<{ modelId: string; placeholder: boolean }>): Set<string> {
  const real = new Set<string>();
  const seen = new Set<string>();
  for (const clip of clips) {
    seen.add(clip.modelId);
    if (!clip.placeholder) real.add(clip.modelId);
  }
  return new Set([...seen].filter((id) => !real.has(id)));
}
