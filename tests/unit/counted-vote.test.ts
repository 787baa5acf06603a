import { describe, expect, it } from "vitest";
import { countedVoteWhere, isCountedVoteRow } from "@/lib/counted-vote";

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

  it("gives the same rule as a Prisma filter", () => {
    expect(countedVoteWhere()).toEqual({ kind: "anonymous", excluded: false, flagged: false });
    expect(countedVoteWhere({ includeFlagged: true })).toEqual({ kind: "anonymous", excluded: false });
  });
});
