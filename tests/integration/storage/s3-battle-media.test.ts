import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { handleCreateBattle } from "@/lib/http/arena-api";
import { serveBattleMedia } from "@/lib/http/battle-media";
import { derivePadding, paddingBytes } from "@/lib/media/mp4-padding";
import { assembleUnlinked, deriveUnlinkKey, indexMp4, planUnlinkedLayout } from "@/lib/media/mp4-unlink";
import type { MediaStore } from "@/lib/storage/media-store";
import { type ArenaFixture, createArenaFixture, postJson } from "../arena-fixture";
import { type S3Server, startS3Server } from "./s3-server";

/** Battle media served from an S3 bucket: the rendition rewritten for this URL and its padding, Range requests included. */
describe("battle media from an S3-compatible server", () => {
  let f: ArenaFixture;
  let s3: S3Server;
  let bucket: MediaStore;
  /** The local file each bucket key was uploaded from. */
  const sources = new Map<string, string>();

  beforeAll(async () => {
    f = await createArenaFixture("sqlite");
    s3 = await startS3Server();
    bucket = s3.store();
    const clips = await f.db.clip.findMany({ select: { id: true, renditionKey: true } });
    for (const clip of clips) {
      const source = f.store.pathOf(clip.renditionKey as string);
      const key = await bucket.putFile(source, "clips", "mp4", "video/mp4");
      sources.set(key, source);
      await f.db.clip.update({ where: { id: clip.id }, data: { renditionKey: key } });
    }
  });
  afterAll(async () => {
    await s3.close();
    await f.close();
  });

  test("whole file, ranges across the padding, suffix ranges and 416", async () => {
    const response = await handleCreateBattle(f.ctx, postJson("/api/battles", {}));
    const { battleId } = (await response.json()) as { battleId: string };
    const row = await f.db.battle.findUniqueOrThrow({
      where: { id: battleId },
      select: { token: true, leftClip: { select: { renditionKey: true } } },
    });
    const padding = derivePadding(f.ctx.secret, `battle:${row.token}:a`);
    const stored = fs.readFileSync(sources.get(row.leftClip.renditionKey as string) as string);
    const index = indexMp4(stored, stored.length);
    if ("unsupported" in index) throw new Error(index.unsupported);
    const layout = planUnlinkedLayout(index, deriveUnlinkKey(f.ctx.secret, `battle:${row.token}:a`));
    const expected = Buffer.concat([
      assembleUnlinked(layout, stored),
      paddingBytes(padding, { start: 0, end: padding.boxLength - 1 }),
    ]);
    const get = (range?: string) =>
      serveBattleMedia(
        { db: f.db, store: bucket, secret: f.ctx.secret },
        new Request("http://localhost/", { headers: range ? { range } : {} }),
        row.token,
        "a",
      );

    const whole = await get();
    expect(whole.headers.get("content-length")).toBe(String(expected.length));
    expect(Buffer.from(await whole.arrayBuffer())).toEqual(expected);
    const size = expected.length;
    const ranges: [string, number, number][] = [
      ["bytes=0-0", 0, 0],
      ["bytes=100-", 100, size - 1],
      [
        `bytes=${size - padding.boxLength - 50}-${size - padding.boxLength + 50}`,
        size - padding.boxLength - 50,
        size - padding.boxLength + 50,
      ],
      ["bytes=-500", size - 500, size - 1],
    ];
    for (const [range, start, end] of ranges) {
      const part = await get(range);
      expect(part.status).toBe(206);
      expect(part.headers.get("content-range")).toBe(`bytes ${start}-${end}/${size}`);
      expect(Buffer.from(await part.arrayBuffer())).toEqual(expected.subarray(start, end + 1));
    }
    const tooFar = await get(`bytes=${size}-`);
    expect(tooFar.status).toBe(416);
    expect(tooFar.headers.get("content-range")).toBe(`bytes */${size}`);
  });
});
