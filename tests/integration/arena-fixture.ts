import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { RateLimiterMemory } from "rate-limiter-flexible";
import { vi } from "vitest";
import type { ArenaContext } from "@/lib/http/arena-api";
import { ArenaCache } from "@/lib/arena/arena-cache";
import { ConfirmedVoters } from "@/lib/arena/voter-session";
import { createArenaStore } from "@/lib/arena/arena-store";
import { castQuadVote, castVote } from "@/lib/arena/cast-vote";
import type { BattleResponse, QuadVoteBody, VoteBody } from "@/lib/arena/schemas";
import { serveBattle, serveQuadBattle } from "@/lib/arena/serve-battle";
import { seedDemoIfEmpty } from "@/lib/demo/seed";
import { seededRandom } from "@/lib/random";
import { LocalMediaStore } from "@/lib/storage/local-media";
import type { Engine } from "@/lib/db/schema-files";
import { createTestDatabase, type TestDatabase } from "./engines";

export interface ArenaFixture extends TestDatabase {
  ctx: ArenaContext;
  store: LocalMediaStore;
  /** Tables a rejected request must not touch, counted. */
  countRows: () => Promise<{ sessions: number; battles: number; votes: number; tags: number }>;
  close: () => Promise<void>;
}

const generous = () => new RateLimiterMemory({ points: 10_000, duration: 60 });

/**
 * The arena serves only delivery renditions. Until the demo seed ships its clips as renditions
 * (the "media" work of issue 13), the demo files stand in for their own silent renditions here, so
 * tests of sampling and voting keep a pool; tests of the media bytes make real renditions.
 */
async function standInOriginalsAsRenditions(db: TestDatabase["db"]): Promise<void> {
  const clips = await db.clip.findMany({ where: { renditionKey: null }, select: { id: true, storageKey: true } });
  for (const clip of clips) await db.clip.update({ where: { id: clip.id }, data: { renditionKey: clip.storageKey } });
}

/** A migrated, demo-seeded database of the engine with an arena context over it. */
export async function createArenaFixture(
  engine: Engine,
  limits = { voter: generous(), address: generous() },
): Promise<ArenaFixture> {
  const database = await createTestDatabase(engine);
  const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), "clip-arena-media-"));
  await seedDemoIfEmpty(database.db, new LocalMediaStore(mediaDir));
  await standInOriginalsAsRenditions(database.db);
  const ctx: ArenaContext = {
    ...createArenaStore(database.db, new ArenaCache()),
    secret: "test-secret-that-is-long-enough-000000",
    random: seededRandom(7),
    confirmedVoters: new ConfirmedVoters(),
    limiters: { battles: limits, votes: { voter: generous(), address: generous() } },
  };
  return {
    ...database,
    ctx,
    store: new LocalMediaStore(mediaDir),
    countRows: async () => ({
      sessions: await database.db.voterSession.count(),
      battles: await database.db.battle.count(),
      votes: await database.db.vote.count(),
      tags: await database.db.voteTag.count(),
    }),
    close: async () => {
      await database.drop();
      fs.rmSync(mediaDir, { recursive: true, force: true });
    },
  };
}

/** A JSON POST as a browser would send it, with an optional cookie. */
export function postJson(
  url: string,
  body: unknown,
  cookie?: string,
  extraHeaders: Record<string, string> = {},
): Request {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return new Request(`http://localhost${url}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-forwarded-for": "203.0.113.9",
      ...(cookie ? { cookie } : {}),
      ...extraHeaders,
    },
    body: text,
  });
}

/** The `name=value` part of a Set-Cookie header. */
export function cookieFrom(response: Response): string {
  const header = response.headers.get("set-cookie");
  if (!header) throw new Error("no Set-Cookie in response");
  return header.split(";")[0] as string;
}

/**
 * Runs `act` with the clock `ms` in the past: a battle served in it was served that long ago,
 * exactly as the server would have recorded it. Only Date is faked; timers run as usual.
 */
export async function servedAgo<T>(ms: number, act: () => Promise<T>): Promise<T> {
  vi.useFakeTimers({ toFake: ["Date"], now: Date.now() - ms });
  try {
    return await act();
  } finally {
    vi.useRealTimers();
  }
}

/** A battle as a new voter was served it, with the slugs of the two clips' models. */
export interface ServedToVoter {
  battle: BattleResponse;
  leftModel: string;
  rightModel: string;
  /** Each clip's own length in ms, as a voter watching it sees (the battle JSON gives one length). */
  clipMs: { left: number; right: number };
}

/**
 * One vote through the arena's own path, as simulations with a known rule need it: a new voter
 * session `voterId` is served a battle at `servedAt`, `decide` picks the vote from what was
 * served, and the vote is cast `voteAfterMs` later (long enough not to be flagged as too fast).
 */
export async function voteAsNewVoter(
  f: ArenaFixture,
  voter: { id: string; servedAt: Date; random: () => number; voteAfterMs?: number },
  decide: (served: ServedToVoter) => VoteBody,
): Promise<void> {
  const session = await f.db.voterSession.create({ data: { id: voter.id } });
  const battle = await serveBattle(f.ctx, {
    voterSessionId: session.id,
    lang: "en",
    random: voter.random,
    now: voter.servedAt,
  });
  const row = await f.db.battle.findUniqueOrThrow({
    where: { id: battle.battleId },
    select: {
      leftClip: { select: { model: true, durationMs: true } },
      rightClip: { select: { model: true, durationMs: true } },
    },
  });
  await castVote(f.ctx, {
    battleId: battle.battleId,
    voterSessionId: session.id,
    body: decide({
      battle,
      leftModel: row.leftClip.model.slug,
      rightModel: row.rightClip.model.slug,
      clipMs: { left: row.leftClip.durationMs, right: row.rightClip.durationMs },
    }),
    now: new Date(voter.servedAt.getTime() + (voter.voteAfterMs ?? 60_000)),
  });
}

/**
 * One quad vote (issue 32) through the arena's own path, as voteAsNewVoter for pairs: a new voter
 * session `voter.id` is served a quad, `decide` picks best and worst (or all bad) from the four
 * models' slugs in shown order (sides a to d), and the vote is cast `voteAfterMs` later.
 */
export async function quadVoteAsNewVoter(
  f: ArenaFixture,
  voter: { id: string; servedAt: Date; random: () => number; voteAfterMs?: number },
  decide: (models: [string, string, string, string]) => QuadVoteBody,
): Promise<void> {
  const session = await f.db.voterSession.create({ data: { id: voter.id } });
  const battle = await serveQuadBattle(f.ctx, {
    voterSessionId: session.id,
    lang: "en",
    random: voter.random,
    now: voter.servedAt,
  });
  const row = await f.db.battle.findUniqueOrThrow({
    where: { id: battle.battleId },
    select: {
      leftClip: { select: { model: { select: { slug: true } } } },
      rightClip: { select: { model: { select: { slug: true } } } },
      clipC: { select: { model: { select: { slug: true } } } },
      clipD: { select: { model: { select: { slug: true } } } },
    },
  });
  const slug = (clip: { model: { slug: string } } | null) => clip?.model.slug ?? "";
  await castQuadVote(f.ctx, {
    battleId: battle.battleId,
    voterSessionId: session.id,
    body: decide([slug(row.leftClip), slug(row.rightClip), slug(row.clipC), slug(row.clipD)]),
    now: new Date(voter.servedAt.getTime() + (voter.voteAfterMs ?? 60_000)),
  });
}

/** What `writeVotes` writes: `n` counted votes on one pair, from `voter` (a new session per vote without one). */
export interface VoteRows {
  left: string;
  right: string;
  outcome: "left" | "right" | "tie";
  n: number;
  voter?: string;
  flagged?: boolean;
  flagReason?: string | null;
  checkPassed?: boolean | null;
  tags?: { side: "left" | "right"; tag: string }[];
}

/**
 * Votes straight into the database through the arena's vote writer (no serving, no watch-time
 * check), each on its own battle of the pair's first shared prompt; returns the battle ids.
 */
export async function writeVotes(f: ArenaFixture, rows: VoteRows): Promise<string[]> {
  const [left, right] = await Promise.all([
    f.db.model.findUniqueOrThrow({ where: { slug: rows.left } }),
    f.db.model.findUniqueOrThrow({ where: { slug: rows.right } }),
  ]);
  const leftClip = await f.db.clip.findFirstOrThrow({ where: { modelId: left.id } });
  const rightClip = await f.db.clip.findFirstOrThrow({ where: { modelId: right.id, promptId: leftClip.promptId } });
  const battles: string[] = [];
  for (let i = 0; i < rows.n; i += 1) {
    const session = rows.voter
      ? await f.db.voterSession.upsert({ where: { id: rows.voter }, create: { id: rows.voter }, update: {} })
      : await f.db.voterSession.create({ data: { id: `s-${Math.random().toString(36).slice(2)}` } });
    const battle = await f.db.battle.create({
      data: {
        token: `t-${Math.random().toString(36).slice(2)}`,
        promptId: leftClip.promptId,
        leftClipId: leftClip.id,
        rightClipId: rightClip.id,
        voterSessionId: session.id,
        lang: "en",
        expiresAt: new Date(Date.now() + 3_600_000),
      },
    });
    await f.ctx.votes.write({
      battleId: battle.id,
      kind: "anonymous",
      promptId: leftClip.promptId,
      leftModelId: left.id,
      rightModelId: right.id,
      voterSessionId: session.id,
      outcome: rows.outcome,
      promptLang: null,
      decisionMs: 9000,
      flagged: rows.flagged ?? false,
      flagReason: rows.flagReason ?? null,
      checkPassed: rows.checkPassed ?? null,
      createdAt: new Date(),
      tags: rows.tags ?? [],
    });
    battles.push(battle.id);
  }
  return battles;
}
