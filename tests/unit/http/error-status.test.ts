import { describe, expect, test } from "vitest";
import { alreadyVoted, battleSkipped } from "@/lib/arena/cast-vote";
import { ApiError, DomainError, type DomainErrorCode } from "@/lib/errors";
import { STATUS_OF_CODE } from "@/lib/http/error-status";
import { toErrorResponse } from "@/lib/http/errors";

/** What the arena answered before its domain code stopped choosing statuses (issue 30, item 4). */
const BEFORE: Record<DomainErrorCode, number> = {
  battle_not_found: 404,
  not_your_battle: 403,
  battle_expired: 410,
  already_voted: 409,
  battle_skipped: 409,
  no_battle_available: 404,
  clip_not_found: 404,
  vote_not_found: 404,
  recognition_not_asked: 400,
  recognition_answered: 409,
};

describe("STATUS_OF_CODE", () => {
  test("a DomainError is answered exactly as the ApiError it replaced: status, body and headers", async () => {
    for (const [code, status] of Object.entries(BEFORE) as [DomainErrorCode, number][]) {
      const message = `message for ${code}`;
      const now = toErrorResponse(new DomainError(code, message));
      const then = toErrorResponse(new ApiError(status, code, message));
      expect(now.status, code).toBe(status);
      expect(await now.json()).toEqual(await then.json());
      expect([...now.headers]).toEqual([...then.headers]);
    }
  });

  test("the table names the arena's codes and nothing else", () => {
    expect(STATUS_OF_CODE).toEqual(BEFORE);
  });

  test("a DomainError that crossed a worker thread (a plain Error with its name and code) keeps its status", () => {
    const revived = Object.assign(
      new Error("This battle already has a vote."),
      { code: "already_voted" },
      { name: "DomainError" },
    );
    expect(toErrorResponse(revived).status).toBe(409);
    expect(toErrorResponse(alreadyVoted()).status).toBe(409);
    expect(toErrorResponse(battleSkipped()).status).toBe(409);
  });
});
