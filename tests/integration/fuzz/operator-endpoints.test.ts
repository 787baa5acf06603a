import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as api from "@/lib/http/admin-api";
import { adminContextOf, adminRequest, type SignedIn, signInAs } from "../admin/admin-fixture";
import { type ArenaFixture, createArenaFixture } from "../arena-fixture";
import { testEngines } from "../engines";

/** Requests per endpoint and engine. */
const RUNS = 150;

const stringish = fc.oneof(
  fc.constantFrom("", "on", "true", "false", "physics", "veo-2", "zh", "en", "image_to_video", "exclude", "restore"),
  fc.constantFrom("../../etc/passwd", "a".repeat(3000), "2026-13-45", "https://x.example/", "javascript:alert(1)"),
  fc.string({ maxLength: 60, unit: "grapheme" }),
);
const fieldNames = fc.constantFrom(
  "slug",
  "name",
  "organisation",
  "version",
  "releaseDate",
  "url",
  "active",
  "nameZh",
  "nameEn",
  "textZh",
  "textEn",
  "mode",
  "categories",
  "promptId",
  "modelId",
  "promptLang",
  "firstTake",
  "hidden",
  "reason",
  "action",
  "voteId",
  "voterSessionId",
  "dryRun",
  "extra",
);
/** A JSON object near the operator schemas, or any JSON at all. */
const jsonBodyArb = fc.oneof(
  fc.dictionary(fieldNames, fc.oneof(stringish, fc.anything()), { maxKeys: 8 }),
  fc.anything(),
);
/** A multipart form: near-miss fields, sometimes a file part under a known or unknown name. */
const formArb = fc.record({
  fields: fc.array(fc.tuple(fieldNames, stringish), { maxLength: 8 }),
  file: fc.option(
    fc.record({
      field: fc.constantFrom("file", "image", "manifest", "other"),
      name: fc.constantFrom("clip.mp4", "../../x.webm", "", "a.csv"),
      bytes: fc.uint8Array({ maxLength: 300 }),
    }),
  ),
});

describe.each(testEngines)("operator endpoints under fuzzing on %s", (engine) => {
  let f: ArenaFixture;
  let ctx: api.AdminContext;
  let admin: SignedIn;
  beforeAll(async () => {
    f = await createArenaFixture(engine);
    ctx = adminContextOf(f, 64 * 1024);
    admin = await signInAs(f, "fuzz-admin@example.org", "admin");
  });
  afterAll(() => f.close());

  const state = async () => ({
    models: await f.db.model.findMany({ orderBy: { id: "asc" } }),
    categories: await f.db.category.findMany({ orderBy: { id: "asc" } }),
    prompts: await f.db.prompt.count(),
    clips: await f.db.clip.findMany({ select: { id: true, hidden: true }, orderBy: { id: "asc" } }),
    votes: await f.db.vote.count({ where: { excluded: true } }),
    audit: await f.db.auditLog.count(),
  });

  const endpoints: [string, string, (request: Request) => Promise<Response>][] = [
    ["POST", "models", (r) => api.handleCreateModel(ctx, r)],
    ["PATCH", "models/{id}", (r) => api.handleUpdateModel(ctx, r, "c".repeat(25))],
    ["POST", "categories", (r) => api.handleCreateCategory(ctx, r)],
    ["POST", "prompts", (r) => api.handleSavePrompt(ctx, r, null)],
    ["POST", "clips", (r) => api.handleUploadClip(ctx, r)],
    ["PATCH", "clips/{id}", (r) => api.handleClipVisibility(ctx, r, "c".repeat(25))],
    ["POST", "votes/moderate", (r) => api.handleModerateVotes(ctx, r)],
    ["POST", "import", (r) => api.handleImport(ctx, r)],
  ];

  test.each(endpoints)(
    "%s /api/admin/%s: no 5xx, one error shape, nothing written on a refusal",
    async (method, _path, handle) => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            jsonBodyArb.map((json) => ({ json })),
            formArb.map((form) => ({ form })),
          ),
          async (input) => {
            let body: FormData | string;
            if ("json" in input) body = JSON.stringify(input.json) ?? "null";
            else {
              body = new FormData();
              for (const [name, value] of input.form.fields) body.append(name, value);
              const file = input.form.file;
              if (file) body.append(file.field, new Blob([file.bytes]), file.name);
            }
            const request =
              typeof body === "string"
                ? new Request("http://localhost/api/admin/x", {
                    method,
                    body,
                    headers: {
                      host: "localhost",
                      cookie: admin.cookie,
                      "x-csrf-token": admin.csrf,
                      "content-type": "application/json",
                    },
                  })
                : adminRequest(method, "/api/admin/x", { as: admin, body });
            const before = await state();
            const response = await handle(request);
            expect(response.status).toBeLessThan(500);
            if (response.status >= 400) {
              const error = (await response.json()) as { error: { code: string; message: string } };
              expect(Object.keys(error)).toEqual(["error"]);
              expect(typeof error.error.code).toBe("string");
              expect(typeof error.error.message).toBe("string");
              expect(await state()).toEqual(before);
            }
          },
        ),
        { numRuns: RUNS, seed: 20261125 },
      );
    },
    120_000,
  );

  // busboy throws on a multipart Content-Type it cannot parse ("Multipart: Boundary not found").
  const unreadableForms = ["multipart/form-data", "multipart/form-data; boundary=", "multipart/form-datax"];
  test.each(endpoints)(
    "%s /api/admin/%s: a multipart type without a boundary is a 400",
    async (method, _path, handle) => {
      for (const contentType of unreadableForms) {
        const before = await state();
        const request = new Request("http://localhost/api/admin/x", {
          method,
          body: "--zz--\r\n",
          headers: { host: "localhost", cookie: admin.cookie, "x-csrf-token": admin.csrf, "content-type": contentType },
        });
        const response = await handle(request);
        expect(response.status, contentType).toBe(400);
        expect(await response.json()).toEqual({ error: { code: "invalid_request", message: expect.any(String) } });
        expect(await state()).toEqual(before);
      }
    },
  );
});
