import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { afterAll, beforeAll, expect, test } from "vitest";
import { backfillRenditions } from "@/lib/media/backfill-renditions";
import { deliveryFormatOf, formatKeyOf } from "@/lib/media/delivery-format";
import { type ArenaFixture, createArenaFixture } from "../arena-fixture";
import { ffmpegAvailable } from "../../ffmpeg";

const haveFfmpeg = ffmpegAvailable("the rendition backfill tests");

let f: ArenaFixture;
beforeAll(async () => {
  f = await createArenaFixture("sqlite");
});
afterAll(() => f.close());

test.skipIf(!haveFfmpeg)("clips from before renditions get them, with the probe's fields, in their prompt's one format; a second run finds nothing to do", async () => {
  const [first, second] = await f.db.clip.findMany({ take: 2, orderBy: { id: "asc" } });
  // As a database from before renditions: no rendition, no frame rate.
  await f.db.clip.updateMany({
    where: { id: { in: [first!.id, second!.id] } },
    data: { renditionKey: null, frameRate: null },
  });
  const prompts = [...new Set([first!.promptId, second!.promptId])];
  const before = new Map(
    (await f.db.clip.findMany({ where: { promptId: { in: prompts }, retiredAt: null } })).map((c) => [c.id, c]),
  );
  const lines: string[] = [];
  const result = await backfillRenditions(f.db, f.store, (line) => lines.push(line));
  // Every live clip of their prompts ends in the prompt's format (one line per prompt). Only what
  // lacks a rendition or is in another format is rendered: the demo seed records the format its
  // uniform placeholders already have, and those keep their renditions as they are.
  const members = await f.db.clip.findMany({ where: { promptId: { in: prompts }, retiredAt: null } });
  let expected = 0;
  for (const promptId of prompts) {
    const clips = members.filter((c) => c.promptId === promptId);
    const format = deliveryFormatOf(clips);
    for (const clip of clips) {
      const old = before.get(clip.id)!;
      const due = old.renditionKey === null || old.renditionFormat !== formatKeyOf(format);
      if (due) expected += 1;
      else expect(clip.renditionKey).toBe(old.renditionKey);
    }
  }
  expect(expected).toBeGreaterThanOrEqual(2);
  expect(result).toEqual({ made: expected, failed: [] });
  expect(lines).toHaveLength(prompts.length);
  for (const promptId of prompts) {
    const clips = members.filter((c) => c.promptId === promptId);
    const format = deliveryFormatOf(clips);
    for (const clip of clips) {
      expect(clip.renditionFormat).toBe(formatKeyOf(format));
      const size = execFileSync(
        "ffprobe",
        ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height", "-of", "csv=p=0", f.store.pathOf(clip.renditionKey!)],
        { encoding: "utf8" },
      );
      expect(size.trim()).toBe(`${format.width},${format.height}`);
    }
  }
  for (const id of [first!.id, second!.id]) {
    const clip = await f.db.clip.findUniqueOrThrow({ where: { id } });
    expect(clip.renditionKey).not.toBeNull();
    expect(clip.renditionKey).not.toBe(clip.storageKey);
    expect(clip.frameRate).toBe(24);
    expect(clip.soundRenditionKey).toBeNull();
    const codec = execFileSync(
      "ffprobe",
      ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=codec_name", "-of", "csv=p=0", f.store.pathOf(clip.renditionKey!)],
      { encoding: "utf8" },
    );
    expect(codec.trim()).toBe("h264");
    expect(fs.existsSync(f.store.pathOf(clip.storageKey))).toBe(true);
  }
  expect(await backfillRenditions(f.db, f.store)).toEqual({ made: 0, failed: [] });
});

test.skipIf(!haveFfmpeg)("a clip whose rendition is in another format than its prompt's is re-rendered; its prompt's other clips are left as they are", async () => {
  // The first test left every prompt in its format; make one clip's rendition stale, as from before
  // formats or a changed length.
  const stale = (await f.db.clip.findFirst({ where: { retiredAt: null }, orderBy: { id: "desc" } }))!;
  await f.db.clip.update({ where: { id: stale.id }, data: { renditionFormat: "2x2@24/1000ms" } });
  const others = await f.db.clip.findMany({ where: { promptId: stale.promptId, retiredAt: null, id: { not: stale.id } } });
  expect(others.length).toBeGreaterThan(0);
  expect(await backfillRenditions(f.db, f.store)).toEqual({ made: 1, failed: [] });
  const members = await f.db.clip.findMany({ where: { promptId: stale.promptId, retiredAt: null } });
  const format = formatKeyOf(deliveryFormatOf(members));
  const after = members.find((c) => c.id === stale.id)!;
  expect(after.renditionFormat).toBe(format);
  expect(after.renditionKey).not.toBe(stale.renditionKey);
  expect(fs.existsSync(f.store.pathOf(after.renditionKey!))).toBe(true);
  expect(fs.existsSync(f.store.pathOf(after.storageKey))).toBe(true);
  for (const other of others) {
    const now = members.find((c) => c.id === other.id)!;
    expect(now.renditionKey).toBe(other.renditionKey);
    expect(now.renditionFormat).toBe(format);
  }
  expect(await backfillRenditions(f.db, f.store)).toEqual({ made: 0, failed: [] });
});

test.skipIf(!haveFfmpeg)("an original missing from the store is reported and its clip stays without a rendition", async () => {
  const clip = (await f.db.clip.findFirst({ where: { renditionKey: { not: null } }, orderBy: { id: "desc" } }))!;
  await f.db.clip.update({ where: { id: clip.id }, data: { renditionKey: null, storageKey: "clips/000000000000000000000000.mp4" } });
  const result = await backfillRenditions(f.db, f.store);
  expect(result.failed).toEqual([{ storageKey: "clips/000000000000000000000000.mp4", reason: "the original is missing from the media store" }]);
  expect((await f.db.clip.findUniqueOrThrow({ where: { id: clip.id } })).renditionKey).toBeNull();
});
