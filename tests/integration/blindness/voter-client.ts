import { createHash } from "node:crypto";
import { getPublicContext } from "@/lib/http/app-context";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { handleCreateBattle, handleVote } from "@/lib/http/arena-api";
import { serveBattleMedia, serveNamedClip } from "@/lib/http/battle-media";
import { handleModel, handleModels } from "@/lib/http/catalog-api";
import type { ArenaFixture } from "../arena-fixture";
import { cookieFrom, postJson } from "../arena-fixture";

const run = promisify(execFile);

/** What a voter can learn about one media URL from its bytes alone. */
export interface MediaObservation {
  url: string;
  /** Total size from a 1-byte Range request's Content-Range. */
  rangeTotal: number;
  size: number;
  sha256: string;
  /** SHA-256 of the top-level boxes before any trailing `free` box: the content with padding stripped. */
  strippedSha256: string;
  /** Container, codec and every tag ffprobe reads, less what is the clip's own (size, rate, duration). */
  fingerprint: string;
  hasAudio: boolean;
}

export interface ObservedBattle {
  battleId: string;
  durationMs: [number, number];
  media: [MediaObservation, MediaObservation];
  reveal: [string, string];
}

/**
 * A determined voter who uses only what the public API answers (the same handlers the routes
 * call): battles, their media URLs with Range requests, votes and their reveals, model pages and
 * named clip URLs. Everything is fetched through `Request` objects, as a browser would.
 */
export class Voter {
  private cookie: string | undefined;
  private readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), "clip-arena-voter-"));

  constructor(private readonly f: ArenaFixture) {}

  /** GET a media URL (battle or named) the way the app's routes would answer it. */
  fetchMedia(url: string, range?: string): Promise<Response> {
    const request = new Request(`http://localhost${url}`, { headers: range ? { range } : {} });
    const parts = url.split("/");
    if (parts[2] === "clips")
      return serveNamedClip({ db: this.f.db, store: this.f.store, secret: this.f.ctx.secret }, request, parts[3] ?? "");
    return serveBattleMedia(
      { db: this.f.db, store: this.f.store, secret: this.f.ctx.secret },
      request,
      parts[2] ?? "",
      parts[3] ?? "",
    );
  }

  /** Everything observable about one media URL. */
  async observe(url: string): Promise<MediaObservation> {
    const probe = await this.fetchMedia(url, "bytes=0-0");
    const rangeTotal = Number((probe.headers.get("content-range") ?? "").split("/")[1]);
    await probe.body?.cancel();
    const bytes = Buffer.from(await (await this.fetchMedia(url)).arrayBuffer());
    const file = path.join(this.dir, `${createHash("sha256").update(url).digest("hex")}.mp4`);
    fs.writeFileSync(file, bytes);
    const { stdout } = await run("ffprobe", ["-v", "error", "-show_format", "-show_streams", "-of", "json", file]);
    fs.rmSync(file);
    const probed = JSON.parse(stdout) as { format: Record<string, unknown>; streams: Record<string, unknown>[] };
    return {
      url,
      rangeTotal,
      size: bytes.length,
      sha256: createHash("sha256").update(bytes).digest("hex"),
      strippedSha256: createHash("sha256").update(stripTrailingFree(bytes)).digest("hex"),
      fingerprint: fingerprintOf(probed),
      hasAudio: probed.streams.some((s) => s.codec_type === "audio"),
    };
  }

  /** Asks for a battle, observes both clips, votes, and keeps the reveal. */
  async battle(): Promise<ObservedBattle> {
    const response = await handleCreateBattle(this.f.ctx, postJson("/api/battles", {}, this.cookie));
    if (!response.ok) throw new Error(`battle: HTTP ${response.status}`);
    this.cookie ??= cookieFrom(response);
    const battle = (await response.json()) as {
      battleId: string;
      left: { clipUrl: string };
      right: { clipUrl: string };
      /** One length for the battle (issue 25, item 2): the attacker can only use it for both sides. */
      durationMs: number;
    };
    const media: [MediaObservation, MediaObservation] = [
      await this.observe(battle.left.clipUrl),
      await this.observe(battle.right.clipUrl),
    ];
    const voted = await handleVote(
      this.f.ctx,
      postJson(`/api/battles/${battle.battleId}/vote`, { outcome: "tie" }, this.cookie),
      battle.battleId,
    );
    const { reveal } = (await voted.json()) as { reveal: { left: string; right: string } };
    return {
      battleId: battle.battleId,
      durationMs: [battle.durationMs, battle.durationMs],
      media,
      reveal: [reveal.left, reveal.right],
    };
  }

  /** The named catalogue: every clip URL each model page lists, observed, with its model's name. */
  async namedCatalogue(): Promise<{ model: string; media: MediaObservation }[]> {
    const list = (await (
      await handleModels(getPublicContext(this.f.db), new Request("http://localhost/api/models"))
    ).json()) as {
      models: { slug: string; name: string }[];
    };
    const entries: { model: string; media: MediaObservation }[] = [];
    for (const model of list.models) {
      const profile = (await (
        await handleModel(
          getPublicContext(this.f.db),
          new Request(`http://localhost/api/models/${model.slug}`),
          model.slug,
        )
      ).json()) as { clips: { id: string }[] };
      for (const clip of profile.clips)
        entries.push({ model: model.name, media: await this.observe(`/media/clips/${clip.id}`) });
    }
    return entries;
  }

  close(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The bytes before a trailing top-level `free` box, found by walking the top-level boxes. */
export function stripTrailingFree(bytes: Buffer): Buffer {
  let offset = 0;
  while (offset + 8 <= bytes.length) {
    const size = bytes.readUInt32BE(offset);
    const type = bytes.toString("latin1", offset + 4, offset + 8);
    if (size < 8) break;
    if (type === "free" && offset + size === bytes.length) return bytes.subarray(0, offset);
    offset += size;
  }
  return bytes;
}

const CLIP_OWN = new Set([
  "width",
  "height",
  "coded_width",
  "coded_height",
  "r_frame_rate",
  "avg_frame_rate",
  "time_base",
  "duration",
  "duration_ts",
  "bit_rate",
  "nb_frames",
  "size",
  "start_time",
  "start_pts",
  "filename",
  "sample_aspect_ratio",
  "display_aspect_ratio",
  "level",
  "probe_score",
  "nb_streams",
  "refs",
  "has_b_frames",
  "extradata_size",
  "index",
  "id",
]);

/**
 * Tags drawn afresh for every URL (lib/media/mp4-unlink.ts: mvhd/tkhd/mdhd times, uniform over
 * 2020–2027 from the URL's keystream): they differ between any two URLs and name nothing.
 */
const PER_URL_TAGS = new Set(["creation_time"]);

/** ffprobe's output less the clip's own measurements: what would name an encoder, vendor or tool. */
function fingerprintOf(probed: { format: Record<string, unknown>; streams: Record<string, unknown>[] }): string {
  const keep = (o: Record<string, unknown>): Record<string, unknown> =>
    Object.fromEntries(
      Object.entries(o)
        .filter(([k]) => !CLIP_OWN.has(k))
        .map(([k, v]): [string, unknown] =>
          k === "tags" && v && typeof v === "object"
            ? [k, Object.fromEntries(Object.entries(v).filter(([tag]) => !PER_URL_TAGS.has(tag)))]
            : [k, v],
        )
        .sort(([a], [b]) => a.localeCompare(b)),
    );
  return JSON.stringify({ format: keep(probed.format), streams: probed.streams.map(keep) });
}
