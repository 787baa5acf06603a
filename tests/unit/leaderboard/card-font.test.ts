import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { createTranslator } from "next-intl";
import { CARD_FONT_DIR, CARD_FONT_FILES, cardCharacters, drawableOr, loadCardFonts } from "@/lib/leaderboard/card-font";
import { fontCodePoints } from "@/lib/media/font-cmap";
import { cardLines, modelCardLines } from "@/lib/leaderboard/share-card";
import { demoCategories } from "@/lib/demo/demo-content";
import zh from "@/messages/zh.json";

const missing = (text: string, points: Set<number>) =>
  [...new Set(text)].filter((c) => !/\s/.test(c) && !points.has(c.codePointAt(0)!));

describe("the share cards' font subsets", () => {
  const subsets = CARD_FONT_FILES.map((f) => ({
    file: f.file,
    points: fontCodePoints(fs.readFileSync(path.join(CARD_FONT_DIR, f.file))),
  }));

  test("hold exactly the card characters (else: npm run fonts:cards)", () => {
    const wanted = new Set([...cardCharacters()].map((c) => c.codePointAt(0)!));
    for (const { file, points } of subsets) expect([...points].sort(), file).toEqual([...wanted].sort());
  });

  test("draw every character of a Chinese card: labels, category names, numbers and intervals", () => {
    const t = createTranslator({ locale: "zh", messages: zh, namespace: "shareCard" });
    const row = { group: 0, rank: 1, model: "Kling 1.6", rating: 1074.4, ciLow: 1032.2, ciHigh: 1120.9 };
    const open = { ...row, rank: 2, model: "Veo 2", ciLow: null, ciHigh: 1201.5 };
    const drawn = [
      t("leaderboardTitle"),
      ...Object.values(zh.categories).map((category) => t("categoryTitle", { category })),
      ...demoCategories.map((c) => c.nameZh),
      t("summary", { votes: 1234567890 }),
      t("noVotes"),
      t("provisional"),
      t("modelSubtitle", { organisation: "Google DeepMind" }),
      ...(["category", "rating", "interval", "rank", "votes"] as const).map((key) => t(key)),
      ...cardLines([row, open, { ...row, model: "x", ciLow: null, ciHigh: null, rating: -109 }]).flatMap((l) => [
        l.rating,
        l.interval,
        `#${l.rank}`,
        "*",
      ]),
      ...modelCardLines([
        { category: "overall", rating: -332.2, ciLow: -400, ciHigh: null, rank: 3, votes: 297 },
        { category: "physics", rating: 2260, ciLow: 2100, ciHigh: 2400, rank: 1, votes: 12 },
        { category: "dance", rating: 1000, ciLow: null, ciHigh: null, rank: 2, votes: 0 },
      ]).flatMap((l) => [l.rating, l.interval, `#${l.rank}`, String(l.votes)]),
    ].join("");
    for (const { file, points } of subsets) expect(missing(drawn, points), file).toEqual([]);
  });

  test("a name with a character outside the subset is drawn by its Latin fallback", async () => {
    const fonts = await loadCardFonts();
    expect(fonts.fonts.map((f) => f.weight)).toEqual([400, 700]);
    expect(drawableOr(fonts, "Kling 1.6", "kling-1-6")).toBe("Kling 1.6");
    expect(drawableOr(fonts, "可灵 1.6", "kling-1-6")).toBe("kling-1-6");
    expect(drawableOr(fonts, "物理", "physics")).toBe("物理");
    // Nothing drawable to fall back to: the characters the fonts have.
    expect(drawableOr(fonts, "可灵 Kling", "可灵")).toBe("Kling");
    expect(drawableOr(fonts, "可灵", "")).toBe("");
  });
});

describe("fontCodePoints", () => {
  test("reads a TrueType font's format 4 map (next/og's own Latin font)", () => {
    const geist = fontCodePoints(fs.readFileSync("node_modules/next/dist/compiled/@vercel/og/Geist-Regular.ttf"));
    expect(geist.has("A".codePointAt(0)!)).toBe(true);
    expect(geist.has("中".codePointAt(0)!)).toBe(false);
  });

  test("refuses a font collection", () => {
    const ttc = Buffer.from([0x74, 0x74, 0x63, 0x66, 0, 1, 0, 0, 0, 0, 0, 0]);
    expect(() => fontCodePoints(ttc)).toThrow(/collection/);
  });
});
