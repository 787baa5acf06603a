import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  laterTakesHeldBack,
  namedClipSql,
  namedClipWhere,
  PLACEHOLDER_ONLY_MODEL_WHERE,
  placeholderOnlyModelIds,
  placeholdersServable,
  servableClipSql,
  servableClipWhere,
  servesOtherTakes,
  type ServableOptions,
} from "@/lib/clip-visibility";
import { Prisma } from "@/lib/generated/sqlite/client";
import { createTestDatabase, type TestDatabase, testEngines } from "../engines";

/** Every combination of the facts the visibility rules read, one clip each. */
interface ClipCase {
  id: string;
  modelActive: boolean;
  published: boolean;
  otherTakesAllowed: boolean;
  inCategory: boolean;
  hidden: boolean;
  retired: boolean;
  rendition: boolean;
  watermarked: boolean;
  firstTake: boolean;
  placeholder: boolean;
}

const both = [false, true] as const;

// The rules written out again, independently, as plain predicates on one case.
const live = (c: ClipCase) => !c.hidden && !c.retired && c.rendition && !c.watermarked;
const servable = (c: ClipCase, o: ServableOptions) =>
  live(c) &&
  c.modelActive &&
  !c.published &&
  (o.category === undefined || c.inCategory) &&
  (c.firstTake || c.otherTakesAllowed) &&
  (o.placeholders || !c.placeholder);
const named = (c: ClipCase) => live(c) && c.published;

describe.each(testEngines)("the clip-visibility rule on %s", (engine) => {
  let t: TestDatabase;
  const cases: ClipCase[] = [];

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    const { db } = t;
    const category = await db.category.create({ data: { slug: "dance", nameZh: "舞蹈", nameEn: "Dance" } });
    for (const modelActive of both) {
      const model = await db.model.create({
        data: { slug: `m-${modelActive}`, name: `M ${modelActive}`, organisation: "Org", active: modelActive },
      });
      for (const published of both)
        for (const otherTakesAllowed of both)
          for (const inCategory of both) {
            const prompt = await db.prompt.create({
              data: {
                textEn: "p",
                mode: "text_to_video",
                publishedAt: published ? new Date() : null,
                otherTakesAllowed,
                ...(inCategory ? { categories: { create: { categoryId: category.id } } } : {}),
              },
            });
            const rows = [];
            for (const hidden of both)
              for (const retired of both)
                for (const rendition of both)
                  for (const watermarked of both)
                    for (const firstTake of both)
                      for (const placeholder of both) {
                        const c: ClipCase = {
                          id: `c${cases.length.toString().padStart(4, "0")}`,
                          modelActive,
                          published,
                          otherTakesAllowed,
                          inCategory,
                          hidden,
                          retired,
                          rendition,
                          watermarked,
                          firstTake,
                          placeholder,
                        };
                        cases.push(c);
                        rows.push({
                          id: c.id,
                          promptId: prompt.id,
                          modelId: model.id,
                          storageKey: `${c.id}.mp4`,
                          renditionKey: rendition ? `${c.id}.r.mp4` : null,
                          durationMs: 5000,
                          width: 640,
                          height: 360,
                          mimeType: "video/mp4",
                          promptLang: "en" as const,
                          hidden,
                          retiredAt: retired ? new Date() : null,
                          watermarked,
                          firstTake,
                          placeholder,
                          sourceHash: c.id,
                        });
                      }
            await db.clip.createMany({ data: rows });
          }
    }
  });
  afterAll(() => t.drop());

  const expected = (keep: (c: ClipCase) => boolean) =>
    cases
      .filter(keep)
      .map((c) => c.id)
      .sort();
  const byPrisma = async (where: Prisma.ClipWhereInput) =>
    (await t.db.clip.findMany({ where, select: { id: true }, orderBy: { id: "asc" } })).map((c) => c.id);
  const bySql = async (condition: Prisma.Sql) =>
    (
      await t.db.$queryRaw<{ id: string }[]>(Prisma.sql`SELECT c."id" FROM "Clip" c WHERE ${condition} ORDER BY c."id"`)
    ).map((c) => c.id);

  const options: ServableOptions[] = [
    { placeholders: true },
    { placeholders: false },
    { placeholders: true, category: "dance" },
    { placeholders: false, category: "dance" },
    { placeholders: false, category: "no-such-category" },
  ];

  test.each(options)("servable: the Prisma filter, the SQL and the rule agree on all 1,024 cases (%j)", async (o) => {
    const want = o.category === "no-such-category" ? [] : expected((c) => servable(c, o));
    if (o.category !== "no-such-category") expect(want.length).toBeGreaterThan(0);
    expect(await byPrisma(servableClipWhere(o))).toEqual(want);
    expect(await bySql(servableClipSql("c", o))).toEqual(want);
  });

  test("named: the Prisma filter, the SQL and the rule agree", async () => {
    const want = expected(named);
    expect(want.length).toBeGreaterThan(0);
    expect(await byPrisma(namedClipWhere())).toEqual(want);
    expect(await bySql(namedClipSql("c"))).toEqual(want);
  });

  test("later takes held back: the real clips that only the first-take rule keeps out of the arena", async () => {
    const held = cases.filter(
      (c) => !c.firstTake && !c.otherTakesAllowed && servable({ ...c, firstTake: true }, { placeholders: false }),
    );
    // One prompt per (model, published, other takes, category) combination of the cases.
    const prompts = new Set(held.map((c) => `${c.modelActive}/${c.published}/${c.otherTakesAllowed}/${c.inCategory}`));
    expect(held.length).toBeGreaterThan(0);
    expect(await laterTakesHeldBack(t.db)).toEqual({ clips: held.length, prompts: prompts.size });
  });

  test("placeholders leave the arena once a real clip is live; other takes are reported while served", async () => {
    // Real live clips exist (the cases include them).
    expect(await placeholdersServable(t.db)).toBe(false);
    expect(await servesOtherTakes(t.db)).toBe(true);
    await t.db.prompt.updateMany({ data: { otherTakesAllowed: false } });
    expect(await servesOtherTakes(t.db)).toBe(false);
    await t.db.clip.updateMany({ where: { placeholder: false }, data: { hidden: true } });
    expect(await placeholdersServable(t.db)).toBe(true);
  });

  test("placeholder-only models: the Prisma filter and the in-memory form agree", async () => {
    const prompt = await t.db.prompt.findFirstOrThrow({ select: { id: true } });
    const clip = (id: string, modelId: string, placeholder: boolean) => ({
      id,
      promptId: prompt.id,
      modelId,
      storageKey: `${id}.mp4`,
      durationMs: 5000,
      width: 640,
      height: 360,
      mimeType: "video/mp4",
      promptLang: "en" as const,
      placeholder,
      sourceHash: id,
    });
    const demo = await t.db.model.create({ data: { slug: "demo-only", name: "Demo", organisation: "Org" } });
    const mixed = await t.db.model.create({ data: { slug: "mixed", name: "Mixed", organisation: "Org" } });
    await t.db.model.create({ data: { slug: "no-clips", name: "None", organisation: "Org" } });
    await t.db.clip.createMany({
      data: [
        clip("p1", demo.id, true),
        clip("p2", demo.id, true),
        clip("p3", mixed.id, true),
        clip("r1", mixed.id, false),
      ],
    });
    const byPrisma = (await t.db.model.findMany({ where: PLACEHOLDER_ONLY_MODEL_WHERE, select: { id: true } }))
      .map((m) => m.id)
      .sort();
    const inMemory = [
      ...placeholderOnlyModelIds(await t.db.clip.findMany({ select: { modelId: true, placeholder: true } })),
    ].sort();
    expect(byPrisma).toEqual([demo.id]);
    expect(inMemory).toEqual(byPrisma);
  });

  test("an alias is never user input", () => {
    expect(() => namedClipSql('c"; DROP TABLE "Clip"; --')).toThrow(/not an SQL alias/);
  });
});
