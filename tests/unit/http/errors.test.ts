import { RateLimiterMemory } from "rate-limiter-flexible";
import { describe, expect, test } from "vitest";
import { z } from "zod";
import { ApiError, fieldError } from "@/lib/errors";
import { toErrorResponse } from "@/lib/http/errors";

async function mapped(error: unknown) {
  const response = toErrorResponse(error);
  return {
    status: response.status,
    retryAfter: response.headers.get("retry-after"),
    body: (await response.json()) as { error: { code: string; message: string; field?: string; issue?: string } },
  };
}

/** An ApiError as another copy of lib/errors.ts makes it: same shape, different class. */
class ForeignApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

describe("toErrorResponse", () => {
  test("keeps an ApiError's status and code, from this module copy or another", async () => {
    expect(await mapped(new ApiError(409, "already_voted", "no"))).toMatchObject({
      status: 409,
      body: { error: { code: "already_voted" } },
    });
    expect(await mapped(new ForeignApiError(404, "battle_not_found", "no"))).toMatchObject({
      status: 404,
      body: { error: { code: "battle_not_found" } },
    });
  });

  test("a ZodError is a 400 naming the field", async () => {
    const result = z.object({ lang: z.enum(["zh", "en"]) }).safeParse({ lang: "fr" });
    const { status, body } = await mapped(result.error);
    expect(status).toBe(400);
    expect(body.error.code).toBe("invalid_request");
    expect(body.error.message).toMatch(/^lang: /);
  });

  test("a ZodError's 400 carries the field and a stable issue a form can translate", async () => {
    const schema = z
      .object({
        name: z.string().trim().min(1),
        reason: z.string().min(3),
        from: z.iso.date().optional(),
        page: z.number().int().min(1).optional(),
      })
      .refine(() => false, { path: ["name"], params: { issue: "one_language_required" } });
    const issueOf = async (input: unknown) => {
      const { body } = await mapped(schema.safeParse(input).error);
      return { field: body.error.field, issue: body.error.issue };
    };
    expect(await issueOf({ name: " ", reason: "long enough" })).toEqual({ field: "name", issue: "required" });
    expect(await issueOf({ name: "a", reason: "ab" })).toEqual({ field: "reason", issue: "too_small" });
    // A number below its minimum of 1 is too small, not a blank field.
    expect(await issueOf({ name: "a", reason: "abc", page: -1 })).toEqual({ field: "page", issue: "too_small" });
    expect(await issueOf({ name: "a", reason: "abc", from: "12/01/2026" })).toEqual({
      field: "from",
      issue: "invalid_date",
    });
    expect(await issueOf({ name: "a", reason: "abc" })).toEqual({ field: "name", issue: "one_language_required" });
  });

  test("an error about one input keeps its field issue; others carry none", async () => {
    const { body } = await mapped(fieldError("slug taken", { field: "slug", issue: "taken" }, "conflict"));
    expect(body.error).toEqual({ code: "conflict", message: "slug taken", field: "slug", issue: "taken" });
    expect((await mapped(new ApiError(409, "already_voted", "no"))).body.error).toEqual({
      code: "already_voted",
      message: "no",
    });
  });

  test("a malformed percent-escape is a 400", async () => {
    let thrown: unknown;
    try {
      decodeURIComponent("%zz");
    } catch (error) {
      thrown = error;
    }
    expect(await mapped(thrown)).toMatchObject({ status: 400, body: { error: { code: "invalid_request" } } });
  });

  test("a limiter's refusal is a 429 with Retry-After, without the limiter going through consumeRateLimit", async () => {
    const limiter = new RateLimiterMemory({ points: 1, duration: 60 });
    await limiter.consume("k");
    const refusal: unknown = await limiter.consume("k").catch((error: unknown) => error);
    const { status, retryAfter, body } = await mapped(refusal);
    expect(status).toBe(429);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(body.error.code).toBe("rate_limited");
  });

  test.each([
    [{ code: "P1001" }, 503, "database_unavailable"],
    [{ name: "DriverAdapterError", cause: { kind: "ConnectionClosed" } }, 503, "database_unavailable"],
    [
      { code: "P2010", meta: { driverAdapterError: { cause: { kind: "postgres", originalCode: "22021" } } } },
      400,
      "invalid_request",
    ],
    [{ cause: { kind: "postgres", code: "22P05" } }, 400, "invalid_request"],
    [{ code: "P2002" }, 409, "conflict"],
    [{ code: "P2025" }, 404, "not_found"],
  ])("database error %j → %i %s", async (shape, status, code) => {
    const error = Object.assign(new Error("database said no"), shape);
    const result = await mapped(error);
    expect(result).toMatchObject({ status, body: { error: { code } } });
    if (status === 503) expect(result.retryAfter).toBe("5");
  });

  test("node-postgres's code-less connection loss is a 503", async () => {
    expect((await mapped(new Error("Connection terminated unexpectedly"))).status).toBe(503);
  });

  test("anything else is a 500 that tells nothing", async () => {
    const original = console.error;
    console.error = () => {};
    try {
      const { status, body } = await mapped(new Error("secret detail"));
      expect(status).toBe(500);
      expect(body.error.message).not.toContain("secret");
    } finally {
      console.error = original;
    }
  });
});
