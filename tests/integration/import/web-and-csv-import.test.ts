import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { handleImport } from "@/lib/http/admin-api";
import { CSV_COLUMNS } from "@/lib/import/read-manifest";
import { adminContextOf, adminRequest, formWith, type SignedIn, signInAs } from "../admin/admin-fixture";
import { type ArenaFixture, createArenaFixture } from "../arena-fixture";
import { testEngines } from "../engines";
import { ffmpegAvailable } from "../../ffmpeg";

const demo = JSON.parse(fs.readFileSync("media/demo/manifest.json", "utf8")) as { clips: { file: string }[] };
const clipBytes = (i: number) => fs.readFileSync(path.join("media/demo", demo.clips[i]!.file));

/** A local server standing in for a clip host: `https://clips.example/<name>` is routed to it. */
function startClipHost(): Promise<{
  fetchImpl: typeof fetch;
  lookupImpl: (hostname: string) => Promise<string[]>;
  requests: string[];
  close: () => Promise<void>;
}> {
  const requests: string[] = [];
  const server = http.createServer((request, response) => {
    requests.push(request.url ?? "");
    const index = Number(/^\/clip-(\d+)\.webm$/.exec(request.url ?? "")?.[1] ?? -1);
    if (index < 0) return response.writeHead(404).end();
    response.writeHead(200, { "content-type": "video/webm" }).end(clipBytes(index));
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      const fetchImpl: typeof fetch = (input, init) =>
        fetch(
          (input instanceof Request ? input.url : input.toString()).replace(
            "https://clips.example",
            `http://127.0.0.1:${port}`,
          ),
          init,
        );
      // clips.example has a public (documentation-free) address as far as the import can tell.
      const lookupImpl = (hostname: string) =>
        Promise.resolve(hostname === "clips.example" ? ["93.184.215.14"] : ([] as string[]));
      resolve({ fetchImpl, lookupImpl, requests, close: () => new Promise((done) => server.close(() => done())) });
    }),
  );
}

describe.skipIf(!ffmpegAvailable("the web and CSV import tests")).each(testEngines)(
  "manifest import from /admin/import on %s",
  (engine) => {
    let f: ArenaFixture;
    let admin: SignedIn;
    let host: Awaited<ReturnType<typeof startClipHost>>;
    // Rows leave out trailing optional columns (watermarked); a CSV record still needs every field.
    const csv = (rows: string[][]) =>
      [
        CSV_COLUMNS.join(","),
        ...rows.map((r) => [...r, ...Array<string>(CSV_COLUMNS.length - r.length).fill("")].join(",")),
      ].join("\n") + "\n";
    const send = (text: string, dryRun: boolean) =>
      handleImport(
        { ...adminContextOf(f), fetchImpl: host.fetchImpl, lookupImpl: host.lookupImpl },
        adminRequest("POST", "/api/admin/import", {
          as: admin,
          body: formWith({ dryRun: String(dryRun) }, { field: "manifest", name: "m.csv", bytes: Buffer.from(text) }),
        }),
      );
    const counts = async () => ({
      prompts: await f.db.prompt.count(),
      clips: await f.db.clip.count(),
      audit: await f.db.auditLog.count(),
    });

    beforeAll(async () => {
      f = await createArenaFixture(engine);
      admin = await signInAs(f, "ops@example.org", "admin");
      host = await startClipHost();
      const importDir = adminContextOf(f).importDir;
      fs.mkdirSync(path.join(importDir, "clips"), { recursive: true });
      fs.writeFileSync(path.join(importDir, "clips/local.webm"), clipBytes(2));
    });
    afterAll(async () => {
      await host.close();
      await f.close();
    });

    const rows = [
      [
        "surf",
        "A surfer rides a wave at dusk.",
        "",
        "text_to_video",
        "",
        "physics|lighting",
        "kling-1-6",
        "https://clips.example/clip-0.webm",
        "en",
        "true",
      ],
      ["surf", "", "", "", "", "", "veo-2", "https://clips.example/clip-1.webm", "en", ""],
      ["surf", "", "", "", "", "", "runway-gen-4", "clips/local.webm", "en", "no"],
    ];

    test("a CSV manifest with https and local files: a dry run writes nothing, the import writes it once", async () => {
      const before = await counts();
      const checked = await send(csv(rows), true);
      expect(checked.status).toBe(200);
      const prediction = (await checked.json()) as { dryRun: boolean; summary: { clips: { where: string }[] } };
      expect(prediction).toMatchObject({
        dryRun: true,
        summary: { models: 0, categories: 0, prompts: 1, clipsAdded: 3, clipsUnchanged: 0, refused: [] },
      });
      expect(prediction.summary.clips.map((c) => c.where)).toEqual(["line 2", "line 3", "line 4"]);
      expect(await counts()).toEqual(before);

      const imported = await send(csv(rows), false);
      expect(((await imported.json()) as { summary: object }).summary).toEqual(prediction.summary);
      expect(host.requests.filter((r) => r === "/clip-0.webm").length).toBe(2);
      const prompt = await f.db.prompt.findUniqueOrThrow({ where: { importKey: "surf" }, include: { clips: true } });
      expect(prompt.textEn).toBe("A surfer rides a wave at dusk.");
      expect(prompt.clips.map((c) => c.firstTake).sort()).toEqual([false, true, true]);
      const after = await counts();
      expect(after).toEqual({ prompts: before.prompts + 1, clips: before.clips + 3, audit: before.audit + 1 });

      // The same manifest again changes nothing but the audit log.
      const again = await send(csv(rows), false);
      expect(((await again.json()) as { summary: object }).summary).toMatchObject({ clipsAdded: 0, clipsUnchanged: 3 });
      expect(await counts()).toEqual({ ...after, audit: after.audit + 1 });

      // The same files with a watermark mark on one line: that clip is marked, nothing else changes.
      const marked = rows.map((r, i) => (i === 1 ? [...r, "yes"] : r));
      const remarked = await send(csv(marked), false);
      expect(((await remarked.json()) as { summary: object }).summary).toMatchObject({
        clipsAdded: 0,
        clipsUnchanged: 3,
      });
      const clips = await f.db.clip.findMany({ where: { promptId: prompt.id }, include: { model: true } });
      expect(clips.filter((c) => c.watermarked).map((c) => c.model.slug)).toEqual(["veo-2"]);
    });

    test("every problem is reported with its CSV line, and nothing is written", async () => {
      const before = await counts();
      const bad = [
        [
          "wave",
          "Waves crash.",
          "",
          "text_to_video",
          "",
          "physics",
          "no-such-model",
          "https://clips.example/clip-3.webm",
          "en",
          "",
        ],
        ["wave", "Different text!", "", "", "", "", "veo-2", "https://clips.example/missing.webm", "xx", ""],
        ["wave", "", "", "", "", "", "veo-2", "../escape.webm", "en", "maybe"],
      ];
      const response = await send(csv(bad), false);
      expect(response.status).toBe(422);
      const { error } = (await response.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe("invalid_manifest");
      expect(error.message.split("\n").slice(1)).toEqual([
        'line 3 (text_en): differs from line 2 for prompt "wave"',
        expect.stringMatching(/^line 3 \(prompt_lang\): /),
        expect.stringMatching(/^line 4 \(file\): must be a path inside/),
        expect.stringMatching(/^line 4 \(first_take\): /),
      ]);
      const unknownModel = [
        bad[0]!,
        ["wave", "", "", "", "", "", "veo-2", "https://clips.example/missing.webm", "en", ""],
      ];
      const missing = (await send(csv(unknownModel), false).then((r) => r.json())) as { error: { message: string } };
      expect(missing.error.message.split("\n").slice(1)).toEqual(['line 2 (model): unknown model "no-such-model"']);
      const download = [
        [
          "wave",
          "Waves crash.",
          "",
          "text_to_video",
          "",
          "physics",
          "veo-2",
          "https://clips.example/missing.webm",
          "en",
          "",
        ],
      ];
      const failed = (await send(csv(download), false).then((r) => r.json())) as { error: { message: string } };
      expect(failed.error.message.split("\n").slice(1)).toEqual(["line 2 (file): download failed: HTTP 404"]);
      expect(await counts()).toEqual(before);
    });
  },
);
