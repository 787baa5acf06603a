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
    expect(countedVoteWhere()).toEqual({ kind: "anonymous", checkPassed: null, excluded: false, flagged: false });
    expect(countedVoteWhere({ includeFlagged: true })).toEqual({
      kind: "anonymous",
      checkPassed: null,
      excluded: false,
    });
    expect(countedVoteWhere({ excludeRecognised: true })).toEqual({
      kind: "anonymous",
      checkPassed: null,
      excluded: false,
      flagged: false,
      recognisedCorrectly: false,
    });
  });

  it("gives the same rule as SQL, which selects on every kind × check × excluded × flagged × recognised row what the Prisma filter selects", () => {
    const sqlite = new Database(":memory:");
    sqlite.exec(
      `CREATE TABLE "Vote" ("id" TEXT, "kind" TEXT, "excluded" INTEGER, "flagged" INTEGER, "recognisedCorrectly" INTEGER, "checkPassed" INTEGER)`,
    );
    const rows = ["anonymous", "named"].flatMap((kind) =>
      [false, true].flatMap((excluded) =>
        [false, true].flatMap((flagged) =>
          [false, true].flatMap((recognisedCorrectly) =>
            [null, false, true].map((checkPassed) => ({ kind, excluded, flagged, recognisedCorrectly, checkPassed })),
          ),
        ),
      ),
    );
    const insert = sqlite.prepare(`INSERT INTO "Vote" VALUES (?, ?, ?, ?, ?, ?)`);
    rows.forEach((row, i) =>
      insert.run(
        String(i),
        row.kind,
        Number(row.excluded),
        Number(row.flagged),
        Number(row.recognisedCorrectly),
        row.checkPassed === null ? null : Number(row.checkPassed),
      ),
    );
    for (const options of [
      {},
      { includeFlagged: true },
      { includeNamed: true },
      { excludeRecognised: true },
      { includeFlagged: true, excludeRecognised: true },
    ]) {
      const condition = countedVoteSql("v", options);
      // better-sqlite3 binds no booleans; the Prisma adapter turns them into 0/1 the same way.
      const values = condition.values.map((value) => (typeof value === "boolean" ? Number(value) : value));
      const selected = sqlite
        .prepare(`SELECT "id" FROM "Vote" v WHERE ${condition.sql} ORDER BY CAST("id" AS INTEGER)`)
        .all(...values)
        .map((row) => (row as { id: string }).id);
      // The Prisma filter read as equalities; includeNamed drops its `kind`.
      const filter: Record<string, unknown> = { ...countedVoteWhere(options) };
      if ("includeNamed" in options) delete filter.kind;
      const expected = rows.flatMap((row, i) =>
        Object.entries(filter).every(([column, value]) => row[column as keyof typeof row] === value) ? [String(i)] : [],
      );
      expect(selected, JSON.stringify(options)).toEqual(expected);
      // …and the file-row rule agrees with both (a vote file never holds a check vote).
      const fileRows = rows.flatMap((row, i) =>
        !row.excluded &&
        row.checkPassed === null &&
        isCountedVoteRow(
          { flagged: row.flagged, named: row.kind === "named", recognised: row.recognisedCorrectly },
          options,
        )
          ? [String(i)]
          : [],
      );
      expect(fileRows, JSON.stringify(options)).toEqual(expected);
    }
    expect(() => countedVoteSql('v"; DROP TABLE "Vote"; --')).toThrow(/not an SQL alias/);
    expect(() => notCheckVoteSql('v"; --')).toThrow(/not an SQL alias/);
  });

  it("keeps check votes out even when every widening is asked for", () => {
    const condition = countedVoteSql("v", { includeFlagged: true, includeNamed: true });
    expect(condition.sql).toContain(`v."checkPassed" IS NULL`);
    expect(notCheckVoteSql("v").sql).toBe(`v."checkPassed" IS NULL`);
  });
});
