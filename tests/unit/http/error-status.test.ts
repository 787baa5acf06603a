import { describe, expect, test } from "vitest";
import { alreadyVoted, battleSkipped } from "@/lib/arena/open-battle";
import { ApiError, DomainError, type DomainErrorCode } from "@/lib/errors";
import { STATUS_OF_CODE } from "@/lib/http/error-status";
import { toErrorResponse } from "@/lib/http/errors";

/**
 * What the domain answered before it stopped choosing statuses (issue 30: arena, admin, auth, export,
 * leaderboard), and the codes added since: amending a vote's tags (issue 28, item 5) is 409 without
 * a vote or after the next battle; a voter's own board (issue 31, item 4) is 404 without a voter cookie.
 */
const BEFORE: Record<DomainErrorCode, number> = {
  battle_not_found: 404,
  not_your_battle: 403,
  battle_expired: 410,
  already_voted: 409,
  battle_skipped: 409,
  not_voted: 409,
  tags_closed: 409,
  no_battle_available: 404,
  clip_not_found: 404,
  invalid_request: 400,
  not_found: 404,
  conflict: 409,
  unknown_category: 404,
  unknown_model: 404,
  unauthenticated: 401,
  forbidden: 403,
  csrf_failed: 403,
  unsupported_media_type: 415,
  unreadable_video: 422,
  ffmpeg_missing: 503,
  ffmpeg_interrupted: 503,
  invalid_manifest: 422,
  named_vote: 409,
  release_in_progress: 409,
  vote_not_found: 404,
  recognition_not_asked: 400,
  recognition_answered: 409,
  recognition_model_unknown: 400,
  no_voter_session: 404,
};
/** The headers an answer carried before. */
const HEADERS_BEFORE: Partial<Record<DomainErrorCode, Record<string, string>>> = {
  ffmpeg_interrupted: { "Retry-After": "60" },
};

describe("STATUS_OF_CODE", () => {
  test("a DomainError is answered exactly as the ApiError it replaced: status, body and headers", async () => {
    for (const [code, status] of Object.entries(BEFORE) as [DomainErrorCode, number][]) {
      const message = `message for ${code}`;
      const now = toErrorResponse(new DomainError(code, message));
      const then = toErrorResponse(new ApiError(status, code, message, HEADERS_BEFORE[code]));
      expect(now.status, code).toBe(status);
      expect(await now.json()).toEqual(await then.json());
      expect([...now.headers]).toEqual([...then.headers]);
    }
  });

  test("a field issue is kept", async () => {
    const body = (await toErrorResponse(
      new DomainError("conflict", "taken", { field: "slug", issue: "taken" }),
    ).json()) as { error: unknown };
    expect(body.error).toEqual({ code: "conflict", message: "taken", field: "slug", issue: "taken" });
  });

  test("the table names the domain's codes and nothing else", () => {
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
