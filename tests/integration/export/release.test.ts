import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parquetReadObjects } from "hyparquet";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { acquireLease, releaseLease } from "@/lib/db/lease";
import { serveReleaseFile } from "@/lib/http/release-files";
import { freezeRelease } from "@/lib/admin/releases";
import { findOperatorByEmail, saveOperator } from "@/lib/auth/operators";
import { createRelease, listReleases } from "@/lib/export/release";
import { computeBradleyTerry, PairCellAccumulator } from "@/lib/ratings";
import { readVoteFile, type VoteFileProblem } from "@/lib/ratings/vote-file";
import { type ArenaFixture, createArenaFixture } from "../arena-fixture";
import { testEngines } from "../engines";

const OUTCOMES = ["left", "right", "tie", "both_bad"] as const;

describe.each(testEngines)("dataset releases on %s", (engine) => {
  let f: ArenaFixture;
  let dir: string;

  beforeAll(async () => {
    f = await createArenaFixture(engine);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "clip-arena-releases-"));
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
    await f.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("a release freezes every vote in three formats with checksums and reproducible leaderboards", async () => {
    const manifest = await createRelease(f.db, dir, { bootstrap: 200, seed: 7 });
    expect(manifest.release).toBe(1);
    expect(manifest.rows).toEqual({ total: 80, counted: 72 });
    for (const file of manifest.files) {
      const bytes = fs.readFileSync(path.join(dir, "v1", file.name));
      expect(createHash("sha256").update(bytes).digest("hex")).toBe(file.sha256);
      expect(bytes.length).toBe(file.bytes);
    }
    const parquet = await parquetReadObjects({
      file: new Uint8Array(fs.readFileSync(path.join(dir, "v1", "votes.parquet"))).buffer,
    });
    expect(parquet).toHaveLength(80);

    // What `npm run ratings -- votes.jsonl --bootstrap 200 --seed 7` computes from the release.
    const problems: VoteFileProblem[] = [];
    const cells = new PairCellAccumulator();
    for await (const vote of readVoteFile(path.join(dir, "v1", "votes.jsonl"), problems))
      if (!vote.flagged && !vote.named) cells.add(vote);
    const rows = computeBradleyTerry(cells.toCells(), { bootstrap: 200, seed: 7 }).rows.map(
      ({ model, rating, ciLow, ciHigh, group, rank, votes, winRate }) => ({
        model,
        rating,
        ciLow,
        ciHigh,
        group,
        rank,
        votes,
        winRate,
      }),
    );
    expect(rows).toEqual(manifest.leaderboards.overall);
    expect(Object.keys(manifest.leaderboards).sort()).toEqual(["action", "dance", "lighting", "overall", "physics"]);
  });

  test("the next release is numbered after it, and a published one never changes", async () => {
    const before = fs.readFileSync(path.join(dir, "v1", "votes.csv"));
    const second = await createRelease(f.db, dir, { bootstrap: 50, seed: 7 });
    expect(second.release).toBe(2);
    expect(fs.readFileSync(path.join(dir, "v1", "votes.csv"))).toEqual(before);
    expect(listReleases(dir).map((r) => r.release)).toEqual([2, 1]);
    // Unlinkable across releases: the same voter has another judge.
    const judge = (release: string) =>
      fs
        .readFileSync(path.join(dir, release, "votes.jsonl"), "utf8")
        .split("\n")[0]!
        .match(/"judge":"([0-9a-f]+)"/)?.[1];
    expect(judge("v1")).not.toBe(judge("v2"));
  });

  test("a folder without a readable manifest is skipped, and the next release is numbered past it", async () => {
    const before = listReleases(dir).map((r) => r.release);
    const last = before[0] ?? 0;
    // A copy interrupted before its manifest, and a manifest that is not JSON.
    fs.mkdirSync(path.join(dir, `v${last + 1}`));
    fs.writeFileSync(path.join(dir, `v${last + 1}`, "votes.csv"), "half a file");
    fs.mkdirSync(path.join(dir, `v${last + 2}`));
    fs.writeFileSync(path.join(dir, `v${last + 2}`, "manifest.json"), "{ not json");
    try {
      expect(listReleases(dir).map((r) => r.release)).toEqual(before);
      const next = await createRelease(f.db, dir, { bootstrap: 20, seed: 3 });
      expect(next.release).toBe(last + 3);
      expect(listReleases(dir).map((r) => r.release)).toEqual([last + 3, ...before]);
    } finally {
      for (const release of [last + 1, last + 2, last + 3])
        fs.rmSync(path.join(dir, `v${release}`), { recursive: true, force: true });
    }
  });

  const get = (release: string, file: string, headers: Record<string, string> = {}, method = "GET") =>
    serveReleaseFile(dir, new Request("http://localhost/x", { method, headers }), release, file);

  test("release files are served by name only", () => {
    expect(get("1", "manifest.json").status).toBe(200);
    expect(get("v2", "votes.parquet").status).toBe(200);
    for (const [release, file] of [
      ["3", "votes.csv"],
      ["1", "../../etc/passwd"],
      ["..", "manifest.json"],
      ["1", "votes.txt"],
    ] as const) {
      expect(get(release, file).status).toBe(404);
    }
  });

  test("release files carry their size and honour Range and HEAD", async () => {
    const bytes = fs.readFileSync(path.join(dir, "v1", "votes.csv"));
    const whole = get("1", "votes.csv");
    expect(whole.headers.get("content-length")).toBe(String(bytes.length));
    expect(whole.headers.get("accept-ranges")).toBe("bytes");
    expect(Buffer.from(await whole.arrayBuffer())).toEqual(bytes);

    const part = get("1", "votes.csv", { range: "bytes=10-29" });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 10-29/${bytes.length}`);
    expect(part.headers.get("content-length")).toBe("20");
    expect(Buffer.from(await part.arrayBuffer())).toEqual(bytes.subarray(10, 30));
    const tail = get("1", "votes.csv", { range: "bytes=-5" });
    expect(Buffer.from(await tail.arrayBuffer())).toEqual(bytes.subarray(bytes.length - 5));

    const head = get("1", "votes.csv", {}, "HEAD");
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBe(String(bytes.length));
    expect(head.body).toBeNull();

    const beyond = get("1", "votes.csv", { range: `bytes=${bytes.length}-` });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get("content-range")).toBe(`bytes */${bytes.length}`);
    // An If-Range that is not the file's Last-Modified gets the whole file.
    const stale = get("1", "votes.csv", { range: "bytes=0-0", "if-range": "Thu, 01 Jan 1970 00:00:00 GMT" });
    expect(stale.status).toBe(200);
    const fresh = get("1", "votes.csv", { range: "bytes=0-0", "if-range": whole.headers.get("last-modified")! });
    expect(fresh.status).toBe(206);
  });

  test("while another instance freezes a release, a second freeze is refused and writes nothing", async () => {
    const before = listReleases(dir).map((r) => r.release);
    expect(await acquireLease(f.db, "dataset-release", "other-instance", 60_000)).toBe(true);
    try {
      await expect(createRelease(f.db, dir, { bootstrap: 20, seed: 1 })).rejects.toMatchObject({
        status: 409,
        code: "release_in_progress",
      });
      expect(listReleases(dir).map((r) => r.release)).toEqual(before);
    } finally {
      await releaseLease(f.db, "dataset-release", "other-instance");
    }
    expect((await createRelease(f.db, dir, { bootstrap: 20, seed: 1 })).release).toBe((before[0] ?? 0) + 1);
  });

  test("two freezes at once in one process: one release is written, the other click is a 409", async () => {
    const before = listReleases(dir).map((r) => r.release);
    const email = `release-${engine}@example.org`;
    await saveOperator(f.db, email, "a long enough password", "admin");
    const operator = (await findOperatorByEmail(f.db, email))!;
    const settings = { dir, bootstrap: 20 };
    const results = await Promise.allSettled([
      freezeRelease(f.db, operator.id, settings),
      freezeRelease(f.db, operator.id, settings),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({
      reason: { status: 409, code: "release_in_progress" },
    });
    expect(listReleases(dir).map((r) => r.release)).toEqual([(before[0] ?? 0) + 1, ...before]);
  });
});
