import { createHash } from "node:crypto";
import { parquetReadObjects } from "hyparquet";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { acquireLease, releaseLease } from "@/lib/db/lease";
import { serveReleaseFile } from "@/lib/http/release-files";
import { freezeRelease } from "@/lib/admin/releases";
import { findOperatorByEmail, saveOperator } from "@/lib/auth/operators";
import { createRelease, listReleases } from "@/lib/export/release";
import { computeBradleyTerry, PairCellAccumulator } from "@/lib/ratings";
import { readVoteFile, type VoteFileProblem } from "@/lib/ratings/io/vote-file";
import { ClusterCellAccumulator } from "@/lib/ratings/cluster-resample";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { MediaStore } from "@/lib/storage/media-store";
import { type ArenaFixture, createArenaFixture } from "../arena-fixture";
import { type S3Server, startS3Server } from "../storage/s3-server";
import { testEngines } from "../engines";

const OUTCOMES = ["left", "right", "tie", "both_bad"] as const;

describe.each(testEngines)("dataset releases on %s", (engine) => {
  let f: ArenaFixture;
  let s3: S3Server;
  /** Two app instances: their own database client and bucket client, one database and one bucket. */
  let a: { db: Db; store: MediaStore };
  let b: { db: Db; store: MediaStore };

  beforeAll(async () => {
    f = await createArenaFixture(engine);
    s3 = await startS3Server();
    a = { db: f.db, store: s3.store() };
    b = { db: createDb(f.url), store: s3.store() };
    const clips = await f.db.clip.findMany({ select: { id: true, promptId: true, modelId: true } });
    for (let i = 0; i < 80; i += 1) {
      const left = clips[(i * 5) % clips.length]!;
      const right = clips.filter((c) => c.promptId === left.promptId && c.modelId !== left.modelId)[i % 5]!;
      const session = await f.db.voterSession.create({ data: { id: `r-${i}` } });
      const battle = await f.db.battle.create({
        data: {
          token: `r-${i}`,
          promptId: left.promptId,
          leftClipId: left.id,
          rightClipId: right.id,
          voterSessionId: session.id,
          lang: "zh",
          expiresAt: new Date(),
        },
      });
      await f.ctx.votes.write({
        battleId: battle.id,
        kind: "anonymous",
        promptId: left.promptId,
        leftModelId: left.modelId,
        rightModelId: right.modelId,
        voterSessionId: session.id,
        outcome: OUTCOMES[(i * 7) % 4]!,
        promptLang: null,
        decisionMs: 9000,
        flagged: i % 10 === 0,
        flagReason: i % 10 === 0 ? "too_fast" : null,
        createdAt: new Date(),
        tags: [],
      });
    }
  });
  afterAll(async () => {
    await b.db.$disconnect();
    await s3.close();
    await f.close();
  });

  const request = (headers: Record<string, string> = {}, method = "GET") =>
    new Request("http://localhost/x", { method, headers });

  /** A release file's bytes as an instance serves them at /api/releases/v<n>/<file>. */
  const served = async (instance: { db: Db; store: MediaStore }, release: string, file: string) => {
    const response = await serveReleaseFile(instance.db, instance.store, request(), release, file);
    expect(response.status).toBe(200);
    return Buffer.from(await response.arrayBuffer());
  };
  const sha = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

  test("a release freezes every vote in three formats with checksums and reproducible leaderboards", async () => {
    const staging = fs.mkdtempSync(path.join(os.tmpdir(), "clip-arena-staging-"));
    const manifest = await createRelease(a.db, a.store, { bootstrap: 200, seed: 7 }, staging);
    expect(manifest.release).toBe(1);
    expect(manifest.rows).toEqual({ total: 80, counted: 72 });
    // Nothing stays on the freezing instance's disk: the files are in the store.
    expect(fs.readdirSync(staging)).toEqual([]);
    fs.rmSync(staging, { recursive: true });
    for (const file of manifest.files) {
      const bytes = await served(a, "v1", file.name);
      expect(sha(bytes)).toBe(file.sha256);
      expect(bytes.length).toBe(file.bytes);
    }
    const parquet = await parquetReadObjects({
      file: new Uint8Array(await served(a, "v1", "votes.parquet")).buffer,
    });
    expect(parquet).toHaveLength(80);

    // What `npm run ratings -- votes.jsonl --bootstrap 200 --seed 7` computes from the release.
    const jsonl = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "clip-arena-jsonl-")), "votes.jsonl");
    fs.writeFileSync(jsonl, await served(b, "v1", "votes.jsonl"));
    // Its intervals resample whole voters (the `judge` column): 72 voters of one vote each.
    const problems: VoteFileProblem[] = [];
    const cells = new PairCellAccumulator();
    const voters = new ClusterCellAccumulator();
    for await (const vote of readVoteFile(jsonl, problems, { clusterKeys: true }))
      if (!vote.flagged && !vote.named) {
        cells.add(vote);
        voters.add(vote.judge ?? "", vote);
      }
    fs.rmSync(path.dirname(jsonl), { recursive: true });
    const fit = computeBradleyTerry(cells.toCells(), {
      bootstrap: 200,
      seed: 7,
      clusters: { unit: "voter", cells: voters.toClusters() },
    });
    expect([fit.params.cluster, voters.toClusters().length]).toEqual(["voter", 72]);
    expect(manifest.ratingParams.cluster).toBe("voter");
    const rows = fit.rows.map(({ model, rating, ciLow, ciHigh, group, rank, tier, votes, winRate, provisional }) => ({
      model,
      rating,
      ciLow,
      ciHigh,
      group,
      rank,
      tier,
      votes,
      winRate,
      provisional,
    }));
    expect(rows).toEqual(manifest.leaderboards.overall);
    expect(Object.keys(manifest.leaderboards).sort()).toEqual(["action", "dance", "lighting", "overall", "physics"]);
  });

  test("the other instance lists the release and serves byte-identical files with the manifest's SHA-256", async () => {
    expect((await listReleases(b.db)).map((r) => r.release)).toEqual([1]);
    const manifestA = await served(a, "v1", "manifest.json");
    expect(await served(b, "1", "manifest.json")).toEqual(manifestA);
    const manifest = JSON.parse(manifestA.toString("utf8")) as { files: { name: string; sha256: string }[] };
    for (const file of manifest.files) {
      const fromB = await served(b, "v1", file.name);
      expect(sha(fromB)).toBe(file.sha256);
      expect(fromB).toEqual(await served(a, "v1", file.name));
    }
  });

  test("the next release, frozen on the other instance, is numbered by the database and v1 never changes", async () => {
    const before = await served(a, "v1", "votes.csv");
    const second = await createRelease(b.db, b.store, { bootstrap: 50, seed: 7 });
    expect(second.release).toBe(2);
    expect(await served(b, "v1", "votes.csv")).toEqual(before);
    expect((await listReleases(a.db)).map((r) => r.release)).toEqual([2, 1]);
    // Unlinkable across releases: the same voter has another judge.
    const judge = async (release: string) =>
      (await served(a, release, "votes.jsonl"))
        .toString("utf8")
        .split("\n")[0]!
        .match(/"judge":"([0-9a-f]+)"/)?.[1];
    expect(await judge("v1")).not.toBe(await judge("v2"));
  });

  test("release files are served by name only", async () => {
    for (const [release, file] of [
      ["3", "votes.csv"],
      ["1", "../../etc/passwd"],
      ["..", "manifest.json"],
      ["1", "votes.txt"],
    ] as const) {
      expect((await serveReleaseFile(a.db, a.store, request(), release, file)).status).toBe(404);
    }
  });

  test("release files carry their size and honour Range and HEAD on either instance", async () => {
    const get = (headers: Record<string, string> = {}, method = "GET") =>
      serveReleaseFile(b.db, b.store, request(headers, method), "1", "votes.csv");
    const bytes = await served(a, "v1", "votes.csv");
    const whole = await get();
    expect(whole.headers.get("content-length")).toBe(String(bytes.length));
    expect(whole.headers.get("accept-ranges")).toBe("bytes");
    expect(Buffer.from(await whole.arrayBuffer())).toEqual(bytes);

    const part = await get({ range: "bytes=10-29" });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 10-29/${bytes.length}`);
    expect(part.headers.get("content-length")).toBe("20");
    expect(Buffer.from(await part.arrayBuffer())).toEqual(bytes.subarray(10, 30));
    const tail = await get({ range: "bytes=-5" });
    expect(Buffer.from(await tail.arrayBuffer())).toEqual(bytes.subarray(bytes.length - 5));

    const head = await get({}, "HEAD");
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBe(String(bytes.length));
    expect(head.body).toBeNull();

    const beyond = await get({ range: `bytes=${bytes.length}-` });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get("content-range")).toBe(`bytes */${bytes.length}`);
    // An If-Range that is not the file's ETag gets the whole file.
    expect((await get({ range: "bytes=0-0", "if-range": '"other"' })).status).toBe(200);
    expect((await get({ range: "bytes=0-0", "if-range": whole.headers.get("etag")! })).status).toBe(206);
  });

  test("while another instance freezes a release, a second freeze is refused and writes nothing", async () => {
    const before = (await listReleases(a.db)).map((r) => r.release);
    const rowsBefore = await a.db.datasetRelease.count();
    expect(await acquireLease(b.db, "dataset-release", "other-instance", 60_000)).toBe(true);
    try {
      await expect(createRelease(a.db, a.store, { bootstrap: 20, seed: 1 })).rejects.toMatchObject({
        name: "DomainError",
        code: "release_in_progress",
      });
      expect((await listReleases(a.db)).map((r) => r.release)).toEqual(before);
      expect(await a.db.datasetRelease.count()).toBe(rowsBefore);
    } finally {
      await releaseLease(b.db, "dataset-release", "other-instance");
    }
    expect((await createRelease(a.db, a.store, { bootstrap: 20, seed: 1 })).release).toBe((before[0] ?? 0) + 1);
  });

  test("a number taken in the database is never reused: a writer whose lease ran out cannot publish", async () => {
    // A writer that crashed holding number n + 1 left an unpublished row; the next writer clears
    // it and takes that number itself.
    const newest = (await listReleases(a.db))[0]!.release;
    await a.db.datasetRelease.create({ data: { number: newest + 1 } });
    const next = await createRelease(b.db, b.store, { bootstrap: 20, seed: 1 });
    expect(next.release).toBe(newest + 1);
    // The number is the primary key: a second row for it is refused by the database itself.
    await expect(a.db.datasetRelease.create({ data: { number: next.release } })).rejects.toThrow();
  });

  test("freezes on both instances at once: one release is written, the other is a 409", async () => {
    const before = (await listReleases(a.db)).map((r) => r.release);
    const email = `release-${engine}@example.org`;
    await saveOperator(f.db, email, "a long enough password", "admin");
    const operator = (await findOperatorByEmail(f.db, email))!;
    const settings = { bootstrap: 20 };
    const results = await Promise.allSettled([
      freezeRelease(a.db, a.store, operator.id, settings),
      freezeRelease(b.db, b.store, operator.id, settings),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({
      reason: { name: "DomainError", code: "release_in_progress" },
    });
    expect((await listReleases(b.db)).map((r) => r.release)).toEqual([(before[0] ?? 0) + 1, ...before]);
  });
});
