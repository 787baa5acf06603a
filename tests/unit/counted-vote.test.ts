import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { countedVoteSql, countedVoteWhere, isCountedVoteRow, notCheckVoteSql } from "@/lib/counted-vote";

describe("the counted-vote rule", () => {
  it("counts a blind, unflagged row and nothing else by default", () => {
    expect(isCountedVoteRow({ flagged: false, named: false })).toBe(true);
    expect(isCountedVoteRow({ flagged: true, named: false })).toBe(false);
    expect(isCountedVoteRow({ flagged: false, named: true })).toBe(false);
    expect(isCountedVoteRow({ flagged: true, named: true })).toBe(false);
  });

  it("widens to flagged or named rows only when asked, each on its own", () => {
    expect(isCountedVoteRow({ flagged: true, named: false }, { includeFlagged: true })).toBe(true);
    expect(isCountedVoteRow({ flagged: false, named: true }, { includeFlagged: true })).toBe(false);
    expect(isCountedVoteRow({ flagged: false, named: true }, { includeNamed: true })).toBe(true);
    expect(isCountedVoteRow({ flagged: true, named: true }, { includeNamed: true })).toBe(false);
    expect(isCountedVoteRow({ flagged: true, named: true }, { includeNamed: true, includeFlagged: true })).toBe(true);
  });

  it("leaves out rows whose voter named a model in the recognition survey only when asked", () => {
    const recognised = { flagged: false, named: false, recognised: true };
    expect(isCountedVoteRow(recognised)).toBe(true);
    expect(isCountedVoteRow(recognised, { excludeRecognised: true })).toBe(false);
    expect(isCountedVoteRow({ ...recognised, recognised: false }, { excludeRecognised: true })).toBe(true);
    expect(isCountedVoteRow({ flagged: false, named: false }, { excludeRecognised: true })).toBe(true);
  });

  it("gives the same rule as a Prisma filter", () => {
    expect(countedVoteWhere({ battles: "pairs", demoVotes: "none" })).toEqual({
      kind: "anonymous",
      checkPassed: null,
      excluded: false,
      size: 2,
      flagged: false,
    });
    expect(countedVoteWhere({ includeFlagged: true, battles: "pairs", demoVotes: "none" })).toEqual({
      kind: "anonymous",
      checkPassed: null,
      excluded: false,
      size: 2,
    });
    expect(countedVoteWhere({ excludeRecognised: true, battles: "pairs", demoVotes: "none" })).toEqual({
      kind: "anonymous",
      checkPassed: null,
      excluded: false,
      size: 2,
      flagged: false,
      recognisedCorrectly: false,
    });
    // Quad votes (issue 32) under the same rule, when a reader asks for them.
    expect(countedVoteWhere({ battles: "quads", demoVotes: "none" })).toMatchObject({
      size: 4,
      flagged: false,
      excluded: false,
    });
    expect(countedVoteWhere({ battles: "all", demoVotes: "none" })).toMatchObject({
      size: { in: [2, 4] },
      kind: "anonymous",
    });
  });

  it("gives the same rule as SQL, which selects on every kind × check × excluded × flagged × recognised × size row what the Prisma filter selects", () => {
    const sqlite = new Database(":memory:");
    sqlite.exec(
      `CREATE TABLE "Vote" ("id" TEXT, "kind" TEXT, "excluded" INTEGER, "flagged" INTEGER, "recognisedCorrectly" INTEGER, "checkPassed" INTEGER, "size" INTEGER, "battleId" TEXT)`,
    );
    // No clip at all: the demo state `none` (demo apart is checked on both engines in
    // tests/integration/demo/demo-votes-apart.test.ts).
    sqlite.exec(
      `CREATE TABLE "Clip" ("id" TEXT, "placeholder" INTEGER, "hidden" INTEGER, "retiredAt" TEXT, "renditionKey" TEXT, "watermarked" INTEGER);
       CREATE TABLE "Battle" ("id" TEXT, "leftClipId" TEXT, "rightClipId" TEXT, "clipCId" TEXT, "clipDId" TEXT)`,
    );
    const rows = ["anonymous", "named"].flatMap((kind) =>
      [false, true].flatMap((excluded) =>
        [false, true].flatMap((flagged) =>
          [false, true].flatMap((recognisedCorrectly) =>
            [null, false, true].flatMap((checkPassed) =>
              [2, 4].map((size) => ({ kind, excluded, flagged, recognisedCorrectly, checkPassed, size })),
            ),
          ),
        ),
      ),
    );
    const insert = sqlite.prepare(`INSERT INTO "Vote" VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    rows.forEach((row, i) =>
      insert.run(
        String(i),
        row.kind,
        Number(row.excluded),
        Number(row.flagged),
        Number(row.recognisedCorrectly),
        row.checkPassed === null ? null : Number(row.checkPassed),
        row.size,
        `battle-${i}`,
      ),
    );
    for (const options of [
      { battles: "pairs" as const },
      { includeFlagged: true, battles: "pairs" as const },
      { includeNamed: true, battles: "pairs" as const },
      { excludeRecognised: true, battles: "pairs" as const },
      { includeFlagged: true, excludeRecognised: true, battles: "pairs" as const },
      { battles: "quads" as const },
      { battles: "all" as const, includeFlagged: true },
    ]) {
      const condition = countedVoteSql("v", options);
      // better-sqlite3 binds no booleans; the Prisma adapter turns them into 0/1 the same way.
      const values = condition.values.map((value) => (typeof value === "boolean" ? Number(value) : value));
      const selected = sqlite
        .prepare(`SELECT "id" FROM "Vote" v WHERE ${condition.sql} ORDER BY CAST("id" AS INTEGER)`)
        .all(...values)
        .map((row) => (row as { id: string }).id);
      // The Prisma filter read as equalities; includeNamed drops its `kind`.
      const filter: Record<string, unknown> = { ...countedVoteWhere({ ...options, demoVotes: "none" }) };
      if ("includeNamed" in options) delete filter.kind;
      const matches = (value: unknown, expected: unknown) =>
        typeof expected === "object" && expected !== null && "in" in expected
          ? (expected.in as unknown[]).includes(value)
          : value === expected;
      const expected = rows.flatMap((row, i) =>
        Object.entries(filter).every(([column, value]) => matches(row[column as keyof typeof row], value))
          ? [String(i)]
          : [],
      );
      expect(selected, JSON.stringify(options)).toEqual(expected);
      // …and the file-row rule agrees with both (a vote file never holds a check vote).
      const fileRows = rows.flatMap((row, i) =>
        !row.excluded &&
        row.checkPassed === null &&
        (options.battles === "all" || row.size === (options.battles === "quads" ? 4 : 2)) &&
        isCountedVoteRow(
          { flagged: row.flagged, named: row.kind === "named", recognised: row.recognisedCorrectly },
          options,
        )
          ? [String(i)]
          : [],
      );
      expect(fileRows, JSON.stringify(options)).toEqual(expected);
    }
    expect(() => countedVoteSql('v"; DROP TABLE "Vote"; --', { battles: "pairs" })).toThrow(/not an SQL alias/);
    expect(() => notCheckVoteSql('v"; --')).toThrow(/not an SQL alias/);
  });

  it("keeps check votes out even when every widening is asked for", () => {
    const condition = countedVoteSql("v", { includeFlagged: true, includeNamed: true, battles: "all" });
    expect(condition.sql).toContain(`v."checkPassed" IS NULL`);
    expect(notCheckVoteSql("v").sql).toBe(`v."checkPassed" IS NULL`);
  });
});
