import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as api from "@/lib/http/admin-api";
import { handleCreateBattle, handleVote } from "@/lib/http/arena-api";
import { serveBattleMedia } from "@/lib/http/battle-media";
import { applyIntegrityChecks } from "@/lib/integrity/apply-integrity";
import { DEFAULT_INTEGRITY_OPTIONS } from "@/lib/integrity/voter-anomalies";
import { servableClipWhere } from "@/lib/clip-visibility";
import { aggregateVotes } from "@/lib/leaderboard/aggregate-votes";
import { viewKey } from "@/lib/leaderboard/leaderboard-query";
import { type ArenaFixture, cookieFrom, createArenaFixture, postJson, servedAgo } from "../arena-fixture";
import { testEngines } from "../engines";
import { adminContextOf, adminRequest, formWith, type SignedIn, signInAs } from "./admin-fixture";
import { ffmpegAvailable } from "../../ffmpeg";

const OVERALL = viewKey({ category: "overall", lang: "", mode: "" });
const demoFiles = (folder: string) =>
  fs.readdirSync(path.join("media/demo", folder)).map((n) => path.join("media/demo", folder, n));
const demoClips = demoFiles("clips");
const demoImage = demoFiles("images")[0] as string;

describe.each(testEngines)("operator API on %s", (engine) => {
  let f: ArenaFixture;
  let ctx: api.AdminContext;
  let admin: SignedIn;
  let researcher: SignedIn;

  beforeAll(async () => {
    f = await createArenaFixture(engine);
    ctx = adminContextOf(f);
    admin = await signInAs(f, "ops@example.org", "admin");
    researcher = await signInAs(f, "researcher@example.org", "researcher");
  });
  afterAll(() => f.close());

  const firstPrompt = () => f.db.prompt.findFirstOrThrow({ orderBy: { createdAt: "asc" } });
  const model = (slug: string) => f.db.model.findUniqueOrThrow({ where: { slug } });

  describe("role checks", () => {
    // Every write endpoint, called with a body that would be valid, so only the checks can refuse it.
    const writes: [string, (request: Request) => Promise<Response>, () => Request][] = [
      ["create model", (r) => api.handleCreateModel(ctx, r), () => adminRequest("POST", "/api/admin/models")],
      ["update model", (r) => api.handleUpdateModel(ctx, r, "c".repeat(25)), () => adminRequest("PATCH", "/x")],
      ["create category", (r) => api.handleCreateCategory(ctx, r), () => adminRequest("POST", "/x")],
      ["rename category", (r) => api.handleRenameCategory(ctx, r, "c".repeat(25)), () => adminRequest("PATCH", "/x")],
      ["create prompt", (r) => api.handleSavePrompt(ctx, r, null), () => adminRequest("POST", "/x")],
      ["upload clip", (r) => api.handleUploadClip(ctx, r), () => adminRequest("POST", "/x")],
      ["hide clip", (r) => api.handleClipVisibility(ctx, r, "c".repeat(25)), () => adminRequest("PATCH", "/x")],
      ["moderate", (r) => api.handleModerateVotes(ctx, r), () => adminRequest("POST", "/x")],
      ["list votes", (r) => api.handleListVotes(ctx, r), () => adminRequest("GET", "/api/admin/votes")],
      ["audit log", (r) => api.handleAuditLog(ctx, r), () => adminRequest("GET", "/api/admin/audit")],
      ["freeze release", (r) => api.handleCreateRelease(ctx, r), () => adminRequest("POST", "/api/admin/releases")],
    ];

    test.each(writes)("%s: 401 without a session, 403 for a researcher", async (_name, handle, build) => {
      const anonymous = await handle(build());
      expect(anonymous.status).toBe(401);
      expect(await anonymous.json()).toEqual({ error: { code: "unauthenticated", message: expect.any(String) } });
      const withRole = (request: Request) => {
        const headers = new Headers(request.headers);
        headers.set("cookie", researcher.cookie);
        headers.set("x-csrf-token", researcher.csrf);
        return new Request(request.url, { method: request.method, headers });
      };
      const forbidden = await handle(withRole(build()));
      expect(forbidden.status).toBe(403);
      expect(((await forbidden.json()) as { error: { code: string } }).error.code).toBe("forbidden");
    });

    test("a forged or stale session cookie is no session", async () => {
      const forged = { cookie: "next-auth.session-token=not-a-jwt", csrf: "x" };
      expect((await api.handleAuditLog(ctx, adminRequest("GET", "/x", { as: forged }))).status).toBe(401);
      const gone = await signInAs(f, "leaver@example.org", "admin");
      await f.db.user.delete({ where: { email: "leaver@example.org" } });
      expect((await api.handleAuditLog(ctx, adminRequest("GET", "/x", { as: gone }))).status).toBe(401);
    });

    test("writes need this session's CSRF token and a same-origin Origin; nothing is written without", async () => {
      const body = { slug: "csrf-model", name: "CSRF", organisation: "Lab" };
      const missing = await api.handleCreateModel(ctx, adminRequest("POST", "/x", { as: admin, body, csrf: null }));
      expect(missing.status).toBe(403);
      expect(((await missing.json()) as { error: { code: string } }).error.code).toBe("csrf_failed");
      const other = await signInAs(f, "other@example.org", "admin");
      const wrong = await api.handleCreateModel(ctx, adminRequest("POST", "/x", { as: admin, body, csrf: other.csrf }));
      expect(wrong.status).toBe(403);
      const crossSite = await api.handleCreateModel(
        ctx,
        adminRequest("POST", "/x", { as: admin, body, origin: "https://evil.example" }),
      );
      expect(crossSite.status).toBe(403);
      // A client's own X-Forwarded-Host naming the other site does not make it same-origin.
      const spoofed = adminRequest("POST", "/x", { as: admin, body, origin: "https://evil.example" });
      spoofed.headers.set("x-forwarded-host", "evil.example");
      expect((await api.handleCreateModel(ctx, spoofed)).status).toBe(403);
      expect(await f.db.model.count({ where: { slug: "csrf-model" } })).toBe(0);
    });
  });

  describe("catalogue", () => {
    test("creates, edits and deactivates a model; the arena drops it, the leaderboard keeps it marked", async () => {
      const created = await api.handleCreateModel(
        ctx,
        adminRequest("POST", "/x", {
          as: admin,
          body: formWith({
            slug: "lumen-2",
            name: "Lumen 2",
            organisation: "Lumen Labs",
            releaseDate: "2026-09-01",
            url: "",
          }),
        }),
      );
      expect(created.status).toBe(201);
      const { id } = (await created.json()) as { id: string };
      const again = await api.handleCreateModel(
        ctx,
        adminRequest("POST", "/x", { as: admin, body: { slug: "lumen-2", name: "Dup", organisation: "X" } }),
      );
      expect(again.status).toBe(409);

      const veo = await model("veo-2");
      const off = await api.handleUpdateModel(
        ctx,
        adminRequest("PATCH", "/x", { as: admin, body: formWith({ active: "false" }) }),
        veo.id,
      );
      expect(off.status).toBe(200);
      f.ctx.cache.invalidate();
      const servable = await f.ctx.cache.loadServablePrompts(f.db, undefined);
      expect(servable.flatMap((p) => p.clips).some((c) => c.modelId === veo.id)).toBe(false);
      const aggregated = await aggregateVotes(f.db, { battles: "all" });
      expect(aggregated.models.find((m) => m.slug === "veo-2")).toMatchObject({ active: false });
      // An edit from the form: blank clears an optional field, the others are replaced.
      const edited = await api.handleUpdateModel(
        ctx,
        adminRequest("PATCH", "/x", {
          as: admin,
          body: formWith({ name: "Lumen 2.1", organisation: "Lumen Labs", version: "2.1", releaseDate: "", url: "" }),
        }),
        id,
      );
      expect(await edited.json()).toMatchObject({ name: "Lumen 2.1", version: "2.1", releaseDate: null, url: null });
      const log = await f.db.auditLog.findMany({
        where: { targetId: { in: [id, veo.id] }, action: { not: "model.update" } },
      });
      expect(log.map((e) => e.action).sort()).toEqual(["model.create", "model.deactivate"]);
      await api.handleUpdateModel(ctx, adminRequest("PATCH", "/x", { as: admin, body: { active: true } }), veo.id);
    });

    test("bad input is a 400 naming the field and changes nothing", async () => {
      const before = await f.db.model.count();
      const bad = await api.handleCreateModel(
        ctx,
        adminRequest("POST", "/x", { as: admin, body: { slug: "Not A Slug", name: "x", organisation: "y" } }),
      );
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/^slug:/);
      expect(await f.db.model.count()).toBe(before);
    });

    test("creates and renames a category, and a prompt with a start image in it", async () => {
      const created = await api.handleCreateCategory(
        ctx,
        adminRequest("POST", "/x", { as: admin, body: { slug: "camera", nameZh: "运镜", nameEn: "Camera" } }),
      );
      expect(created.status).toBe(201);
      const { id } = (await created.json()) as { id: string };
      const renamed = await api.handleRenameCategory(
        ctx,
        adminRequest("PATCH", "/x", { as: admin, body: { nameZh: "镜头运动", nameEn: "Camera motion" } }),
        id,
      );
      expect(((await renamed.json()) as { nameEn: string }).nameEn).toBe("Camera motion");

      const png = fs.readFileSync(demoImage);
      const prompt = await api.handleSavePrompt(
        ctx,
        adminRequest("POST", "/x", {
          as: admin,
          body: formWith(
            { textEn: "A slow dolly past a lighthouse.", textZh: "", mode: "image_to_video", categories: "camera" },
            { field: "image", name: "start.png", bytes: png },
          ),
        }),
        null,
      );
      expect(prompt.status).toBe(201);
      const saved = await f.db.prompt.findUniqueOrThrow({
        where: { id: ((await prompt.json()) as { id: string }).id },
        include: { categories: { include: { category: true } } },
      });
      expect(saved.textZh).toBeNull();
      expect(saved.categories.map((c) => c.category.slug)).toEqual(["camera"]);
      expect(await f.store.sizeOf(saved.imageKey as string)).toBe(png.length);

      const noImage = await api.handleSavePrompt(
        ctx,
        adminRequest("POST", "/x", { as: admin, body: formWith({ textEn: "No image", mode: "image_to_video" }) }),
        null,
      );
      expect(noImage.status).toBe(400);
    });
  });

  describe.skipIf(!ffmpegAvailable("the clip upload tests"))("clip uploads", () => {
    const upload = async (bytes: Buffer, name = "clip.webm", fields: Record<string, string> = {}) => {
      const prompt = await firstPrompt();
      const lumen = await model("lumen-2");
      return api.handleUploadClip(
        ctx,
        adminRequest("POST", "/api/admin/clips", {
          as: admin,
          body: formWith(
            { promptId: prompt.id, modelId: lumen.id, promptLang: "en", firstTake: "on", ...fields },
            { field: "file", name, bytes },
          ),
        }),
      );
    };
    const storedFiles = () => fs.readdirSync(path.join(f.store.root, "clips")).length;

    test("a text file renamed .mp4 is refused by its bytes, and nothing is stored", async () => {
      const [rows, files] = [await f.db.clip.count(), storedFiles()];
      const response = await upload(Buffer.from("just some text, not a video at all\n".repeat(20)), "clip.mp4");
      expect(response.status).toBe(415);
      expect(await f.db.clip.count()).toBe(rows);
      expect(storedFiles()).toBe(files);
    });

    test("a file with a video header that ffmpeg cannot decode is a 422, and nothing is stored", async () => {
      const [rows, files] = [await f.db.clip.count(), storedFiles()];
      const head = Buffer.from("\0\0\0\x18ftypisom\0\0\x02\0isomiso2", "latin1");
      const response = await upload(Buffer.concat([head, Buffer.alloc(8192, 9)]), "clip.mp4");
      expect(response.status).toBe(422);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("unreadable_video");
      expect(await f.db.clip.count()).toBe(rows);
      expect(storedFiles()).toBe(files);
    });

    test("an oversized file is refused with 413 before it is stored", async () => {
      const small = { ...ctx, maxUploadBytes: 1024 };
      const prompt = await firstPrompt();
      const lumen = await model("lumen-2");
      const response = await api.handleUploadClip(
        small,
        adminRequest("POST", "/x", {
          as: admin,
          body: formWith(
            { promptId: prompt.id, modelId: lumen.id, promptLang: "en" },
            { field: "file", name: "big.webm", bytes: fs.readFileSync(demoClips[0] as string) },
          ),
        }),
      );
      expect(response.status).toBe(413);
      expect(await f.db.clip.count({ where: { modelId: lumen.id } })).toBe(0);
    });

    test("a path-traversal file name is ignored: the file lands under a key the store made", async () => {
      const parent = path.dirname(f.store.root);
      const response = await upload(fs.readFileSync(demoClips[0] as string), "../../../escaped.webm");
      expect(response.status).toBe(201);
      const clip = await f.db.clip.findUniqueOrThrow({ where: { id: ((await response.json()) as { id: string }).id } });
      expect(clip.storageKey).toMatch(/^clips\/[0-9a-f]{24}\.mp4$/);
      // The original is kept apart from its delivery rendition, which the arena serves.
      expect(clip.renditionKey).toMatch(/^clips\/[0-9a-f]{24}\.mp4$/);
      expect(clip.renditionKey).not.toBe(clip.storageKey);
      expect(fs.existsSync(f.store.pathOf(clip.renditionKey!))).toBe(true);
      expect(fs.existsSync(path.join(parent, "escaped.webm"))).toBe(false);
      expect(fs.existsSync(path.join(f.store.root, "..", "..", "escaped.webm"))).toBe(false);
      // Duration and size come from the file, not from the client.
      expect(clip).toMatchObject({ mimeType: "video/mp4", firstTake: true, hasAudio: false, soundRenditionKey: null });
      expect(clip.frameRate).toBe(24);
      expect(clip.durationMs).toBeGreaterThan(1000);
      expect(clip.width).toBeGreaterThan(0);
      // The arena serves only renditions: the upload is a servable clip once it has one. (Its
      // prompt enters the blind pool only with clips from MIN_MODELS_PER_PROMPT models, a rule
      // checked in the blind-pool tests; here the clip itself must pass the servable-clip rule.)
      const servable = await f.db.clip.findFirst({
        where: { AND: [{ id: clip.id }, servableClipWhere({ placeholders: false })] },
        select: { id: true },
      });
      expect(servable?.id).toBe(clip.id);
    });

    test("the same file again changes nothing; a new file replaces a clip without votes", async () => {
      const lumen = await model("lumen-2");
      const same = await upload(fs.readFileSync(demoClips[0] as string));
      expect(same.status).toBe(200);
      expect(await f.db.clip.count({ where: { modelId: lumen.id } })).toBe(1);
      const replaced = await upload(fs.readFileSync(demoClips[1] as string));
      expect(replaced.status).toBe(201);
      expect(await f.db.clip.count({ where: { modelId: lumen.id } })).toBe(1);
    });

    test("a hidden clip stops being served, and its battles' media with it", async () => {
      const clip = await f.db.clip.findFirstOrThrow({ where: { model: { slug: "lumen-2" }, retiredAt: null } });
      const rival = await f.db.clip.findFirstOrThrow({
        where: { promptId: clip.promptId, NOT: { modelId: clip.modelId } },
      });
      // The uploaded file stands in for its rendition where the upload made none.
      await f.db.clip.update({ where: { id: clip.id }, data: { renditionKey: clip.renditionKey ?? clip.storageKey } });
      const voter = await f.db.voterSession.create({ data: { id: "hidden-clip-voter-0001" } });
      const battle = await f.db.battle.create({
        data: {
          token: "hidden-clip-battle-token",
          promptId: clip.promptId,
          leftClipId: clip.id,
          rightClipId: rival.id,
          voterSessionId: voter.id,
          lang: "en",
          expiresAt: new Date(Date.now() + 600_000),
        },
      });
      const media = () =>
        serveBattleMedia(
          { db: f.db, store: f.store, secret: "test-secret" },
          new Request("http://localhost/m"),
          battle.token,
          "a",
        );
      expect((await media()).status).toBe(200);
      const noReason = await api.handleClipVisibility(
        ctx,
        adminRequest("PATCH", "/x", { as: admin, body: { hidden: true } }),
        clip.id,
      );
      expect(noReason.status).toBe(400);
      const hidden = await api.handleClipVisibility(
        ctx,
        adminRequest("PATCH", "/x", { as: admin, body: { hidden: true, reason: "broken file" } }),
        clip.id,
      );
      expect(hidden.status).toBe(200);
      f.ctx.cache.invalidate();
      const servable = await f.ctx.cache.loadServablePrompts(f.db, undefined);
      expect(servable.flatMap((p) => p.clips).some((c) => c.id === clip.id)).toBe(false);
      expect((await media()).status).toBe(404);
      const entry = await f.db.auditLog.findFirstOrThrow({ where: { targetId: clip.id, action: "clip.hide" } });
      expect(entry.reason).toBe("broken file");
    });
  });

  test("an admin freezes a dataset release from the console; it is audited, and a second click meanwhile is a 409", async () => {
    const first = await api.handleCreateRelease(ctx, adminRequest("POST", "/api/admin/releases", { as: admin }));
    expect(first.status).toBe(201);
    const manifest = (await first.json()) as { release: number; rows: { total: number }; files: { name: string }[] };
    expect(manifest.rows.total).toBe(await f.db.vote.count());
    expect(manifest.files.map((file) => file.name).sort()).toEqual(["votes.csv", "votes.jsonl", "votes.parquet"]);
    // Two clicks at once: the database lease lets one freeze run; the other is told so.
    const both = await Promise.all([
      api.handleCreateRelease(ctx, adminRequest("POST", "/x", { as: admin })),
      api.handleCreateRelease(ctx, adminRequest("POST", "/x", { as: admin })),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    const created = both.find((r) => r.status === 201)!;
    expect(((await created.json()) as { release: number }).release).toBe(manifest.release + 1);
    const refused = both.find((r) => r.status === 409)!;
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("release_in_progress");
    expect(await f.db.auditLog.count({ where: { action: "release.create" } })).toBe(2);
    expect((await api.handleCreateRelease(ctx, adminRequest("POST", "/x", { as: researcher }))).status).toBe(403);
  });

  describe("moderation", () => {
    /** Casts a counted vote (the clips had time to play) from a fresh voter. */
    async function castCountedVote(outcome: "left" | "right") {
      const served = await servedAgo(60_000, () => handleCreateBattle(f.ctx, postJson("/api/battles", {})));
      const cookie = cookieFrom(served);
      const { battleId } = (await served.json()) as { battleId: string };
      const voted = await handleVote(f.ctx, postJson(`/api/battles/${battleId}/vote`, { outcome }, cookie), battleId);
      expect(voted.status).toBe(201);
      return f.db.vote.findUniqueOrThrow({ where: { battleId } });
    }
    /** Votes the leaderboard counts, as its aggregation reads them. */
    const counted = async () => (await aggregateVotes(f.db, { battles: "all" })).voteCounts.get(OVERALL) ?? 0;

    test("excluding a vote takes it out of the leaderboard input, restoring puts it back, both audited", async () => {
      const vote = await castCountedVote("left");
      await castCountedVote("right");
      const before = await counted();
      const excluded = await api.handleModerateVotes(
        ctx,
        adminRequest("POST", "/x", {
          as: admin,
          body: formWith({ action: "exclude", voteId: vote.id, reason: "test exclusion" }),
        }),
      );
      expect(await excluded.json()).toEqual({ changed: 1 });
      expect(await counted()).toBe(before - 1);

      const restored = await api.handleModerateVotes(
        ctx,
        adminRequest("POST", "/x", { as: admin, body: { action: "restore", voteId: vote.id, reason: "was fine" } }),
      );
      expect(await restored.json()).toEqual({ changed: 1 });
      expect(await counted()).toBe(before);
      const log = await f.db.auditLog.findMany({ where: { targetId: vote.id }, orderBy: { createdAt: "asc" } });
      expect(log.map((e) => [e.action, e.reason])).toEqual([
        ["vote.exclude", "test exclusion"],
        ["vote.restore", "was fine"],
      ]);
    });

    test("restoring a flagged vote counts it, and the integrity checks never flag it again", async () => {
      const served = await handleCreateBattle(f.ctx, postJson("/api/battles", {}));
      const { battleId } = (await served.json()) as { battleId: string };
      // Voted at once: flagged as too fast, so not counted.
      await handleVote(
        f.ctx,
        postJson(`/api/battles/${battleId}/vote`, { outcome: "left" }, cookieFrom(served)),
        battleId,
      );
      const vote = await f.db.vote.findUniqueOrThrow({ where: { battleId } });
      expect(vote).toMatchObject({ flagged: true, flagReason: "too_fast" });
      const before = await counted();
      const listed = await api.handleListVotes(
        ctx,
        adminRequest("GET", "/api/admin/votes?reason=too_fast", { as: admin }),
      );
      expect(((await listed.json()) as { votes: { id: string }[] }).votes.map((v) => v.id)).toContain(vote.id);

      const restored = await api.handleModerateVotes(
        ctx,
        adminRequest("POST", "/x", {
          as: admin,
          body: { action: "restore", voteId: vote.id, reason: "watched it: a real vote" },
        }),
      );
      expect(await restored.json()).toEqual({ changed: 1 });
      expect(await counted()).toBe(before + 1);
      const entry = await f.db.auditLog.findFirstOrThrow({ where: { targetId: vote.id, action: "vote.restore" } });
      expect(entry.reason).toBe("watched it: a real vote (was flagged: too_fast)");
      // Strict checks that would flag anything still leave it alone.
      await applyIntegrityChecks(f.db, new Map(), {
        ...DEFAULT_INTEGRITY_OPTIONS,
        burstVotes: 1,
        burstWindowMs: 3_600_000,
      });
      expect(await f.db.vote.findUniqueOrThrow({ where: { id: vote.id } })).toMatchObject({
        flagged: false,
        excluded: false,
      });
    });

    test("excluding a voter session excludes every vote of it; the list shows them with the reason filter", async () => {
      const vote = await castCountedVote("left");
      const response = await api.handleModerateVotes(
        ctx,
        adminRequest("POST", "/x", {
          as: admin,
          body: { action: "exclude", voterSessionId: vote.voterSessionId, reason: "bot-like session" },
        }),
      );
      expect(await response.json()).toEqual({ changed: 1 });
      const listed = await api.handleListVotes(
        ctx,
        adminRequest("GET", `/api/admin/votes?status=excluded&voter=${vote.voterSessionId}`, { as: admin }),
      );
      const body = (await listed.json()) as { total: number; votes: { id: string; excluded: boolean }[] };
      expect(body.total).toBe(1);
      expect(body.votes[0]).toMatchObject({ id: vote.id, excluded: true });
      const bad = await api.handleModerateVotes(
        ctx,
        adminRequest("POST", "/x", { as: admin, body: { action: "exclude", reason: "neither target" } }),
      );
      expect(bad.status).toBe(400);
    });
  });
});

test("a temporary upload folder is left behind by no request", () => {
  const leftovers = fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith("clip-arena-upload-"));
  expect(leftovers).toEqual([]);
});
