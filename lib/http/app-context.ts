import type { Redis } from "ioredis";
import type { AuthOptions } from "next-auth";
import { createAuthOptions } from "../auth/auth-options";
import { type OperatorSession, readOperatorSession } from "../auth/operator-session";
import { type CategoryCache, type CategorySummary, createCategoryCache } from "../catalog/categories";
import { createDb, type Db } from "../db/client";
import { type Env, parseEnv } from "../env";
import { consumeRateLimit, createRateLimiter, createRateLimitStore } from "../rate-limit";
import { hashAddress } from "../address-hash";
import { resolveSessionSecret } from "../session-secret";
import { createMediaStore, type MediaStore } from "../storage/media-store";
import type { AdminContext } from "./admin-api";
import type { MediaContext } from "./battle-media";
import { type ArenaContext, createArenaLimiters } from "./arena-api";
import { ArenaCache } from "../arena/arena-cache";
import { createArenaStore } from "../arena/arena-store";
import { ConfirmedVoters } from "../arena/voter-session";
import type { ExportContext } from "./export-api";
import { LeaderboardCache } from "../leaderboard/leaderboard-cache";
import type { LoadedSnapshot } from "../leaderboard/latest-snapshot";
import { type CardFonts, loadCardFonts } from "../leaderboard/card-font";
import { clientAddressFromHeaderRecord } from "./request-info";
import { HeavyWork } from "./heavy-work";
import type { PublicContext } from "./public-api";
import type { MeContext } from "./me-api";

/*
 * The composition root: every process-wide object the handlers use is built here, once per
 * process, so a cache cleared in one place is the one read in another. Handlers never fetch
 * these themselves: the route files, the direct routes and the pages pass them in.
 */

/**
 * One value per process under a name, kept on globalThis: `npm start` and `npm run dev` serve the
 * API's hot endpoints from lib/ directly (direct-routes.ts) and everything else through Next.js,
 * whose bundle holds its own copy of every lib/ module, this one included; a slot on globalThis
 * is the one place both copies see. The only globalThis state of the app (the architecture test
 * checks that no other module under lib/ touches it).
 */
function processShared<T>(name: string, create: () => T): T {
  const store = globalThis as unknown as Record<symbol, T | undefined>;
  const key = Symbol.for(`clip-arena:${name}`);
  store[key] ??= create();
  return store[key];
}

/** The validated environment (lib/env.ts), read once per process. */
export function getEnv(): Env {
  return processShared("env", () => parseEnv());
}

/** The secret that signs cookies and hashes addresses (lib/session-secret.ts), read once per process. */
export function getSessionSecret(): string {
  return processShared("session-secret", () => resolveSessionSecret(getEnv().SESSION_SECRET));
}

/** The process-wide database client for the configured DATABASE_URL (one across hot reloads, too). */
export function getDb(): Db {
  return processShared("db", () => createDb(getEnv().DATABASE_URL));
}

/** The process's one Redis connection for rate limits, when REDIS_URL is set (else limits count in memory). */
export function getRateLimitStore(): Redis | undefined {
  return processShared("redis", () => {
    const url = getEnv().REDIS_URL;
    return url ? createRateLimitStore(url) : undefined;
  });
}

/** The process's category cache (lib/catalog/categories.ts). */
function getCategoryCache(): CategoryCache {
  return processShared("categories", createCategoryCache);
}

/** Every category, read at most a few seconds ago (lib/catalog/categories.ts), one cache per process. */
export function listCategoriesCached(db: Db): Promise<CategorySummary[]> {
  return getCategoryCache().list(db);
}

/** The process's worker threads for heavy work (lib/http/heavy-work.ts), started on first use. */
export function getHeavyWork(): HeavyWork {
  return processShared("heavy-work", () => {
    const env = getEnv();
    return new HeavyWork(env.DATABASE_URL ?? "", {
      threads: env.WORKER_THREADS,
      production: env.NODE_ENV === "production",
    });
  });
}

/**
 * The leaderboard's held snapshot, fitted date ranges and API bodies
 * (lib/leaderboard/leaderboard-cache.ts); date ranges are fitted in a worker thread.
 */
export function getLeaderboardCache(): LeaderboardCache {
  return processShared("leaderboard-cache", () => new LeaderboardCache(getHeavyWork().fitRangeView));
}

/** The share cards' font subsets and their character maps (lib/leaderboard/card-font.ts), read once per process. */
export function getCardFonts(): Promise<CardFonts> {
  return processShared("card-fonts", () => loadCardFonts());
}

/** The newest leaderboard snapshot, through the process's LeaderboardCache. */
export function getLatestSnapshot(db: Db): Promise<LoadedSnapshot | null> {
  return getLeaderboardCache().latestSnapshot(db);
}

/**
 * The arena's caches, shared by the arena's and the operator endpoints' contexts; the vote
 * statistics' full tallies are read in a worker thread.
 */
export function getArenaCache(): ArenaCache {
  return processShared("arena-cache", () => new ArenaCache((_db, now) => getHeavyWork().fullTally(now)));
}

/** The arena's context: its store, secret, limiters and Math.random for sampling. */
export function getArenaContext(): ArenaContext {
  return processShared("arena-context", () => ({
    ...createArenaStore(getDb(), getArenaCache()),
    secret: getSessionSecret(),
    random: Math.random,
    confirmedVoters: new ConfirmedVoters(),
    limiters: createArenaLimiters(getEnv(), getRateLimitStore()),
    recognitionSurveyEvery: getEnv().RECOGNITION_SURVEY_EVERY,
    checkBattleEvery: getEnv().CHECK_BATTLE_EVERY,
  }));
}

/**
 * The public read endpoints' context (lib/http/public-api.ts): the process's leaderboard and
 * category caches over `db` (the configured database unless a test passes its own).
 */
export function getPublicContext(db?: Db): PublicContext {
  if (db)
    return {
      db,
      leaderboard: getLeaderboardCache(),
      categories: getCategoryCache(),
      admitRangeFit: getRangeFitAdmission(),
    };
  return processShared("public-context", () => getPublicContext(getDb()));
}

/** The configured media store (local disk or S3). */
export function getMediaStore(): MediaStore {
  return processShared("media-store", () => createMediaStore(getEnv()));
}

/** The media endpoints' context: the database, the media store and the padding secret. */
export function getMediaContext(): MediaContext {
  return processShared("media-context", () => ({ db: getDb(), store: getMediaStore(), secret: getSessionSecret() }));
}

/** A voter's own endpoints' context (lib/http/me-api.ts): the arena's, the snapshot, the worker's fit. */
export function getMeContext(): MeContext {
  return processShared("me-context", () => ({
    arena: getArenaContext(),
    latestSnapshot: getLatestSnapshot,
    fitVoterBoard: getHeavyWork().voterBoard,
  }));
}

/** The operator endpoints' context. */
export function getAdminContext(): AdminContext {
  return processShared("admin-context", () => {
    const env = getEnv();
    return {
      db: getDb(),
      arenaCache: getArenaCache(),
      secret: getSessionSecret(),
      store: getMediaStore(),
      maxUploadBytes: env.MAX_UPLOAD_MB * 1024 * 1024,
      importDir: env.IMPORT_DIR,
      releases: {
        bootstrap: env.BT_BOOTSTRAP_ROUNDS,
        checkRule: { threshold: env.CHECK_FLAG_THRESHOLD, minChecks: env.CHECK_FLAG_MIN_CHECKS },
      },
    };
  });
}

/**
 * The rate limit on leaderboard date ranges that need a new fit, per client address
 * (RATE_LIMIT_RANGE_FITS_PER_MINUTE, counted in Redis when configured): a function that takes one
 * fit from the request's address or throws a 429 ApiError with Retry-After.
 */
export function getRangeFitAdmission(): (address: string) => Promise<void> {
  return processShared("range-fit-admission", () => {
    const limiter = createRateLimiter(
      "range-fit",
      { points: getEnv().RATE_LIMIT_RANGE_FITS_PER_MINUTE, durationS: 60 },
      getRateLimitStore(),
    );
    return (address: string) => consumeRateLimit(limiter, hashAddress(address, getSessionSecret()));
  });
}

/** The export endpoint's context. */
export function getExportContext(): ExportContext {
  return processShared("export-context", () => {
    const env = getEnv();
    return {
      db: getDb(),
      secret: getSessionSecret(),
      limiter: createRateLimiter(
        "export",
        { points: env.RATE_LIMIT_EXPORTS_PER_MINUTE, durationS: 60 },
        getRateLimitStore(),
      ),
      keyRequiredAboveRows: env.EXPORT_KEY_REQUIRED_ABOVE_ROWS,
      encode: (query, judgeSalt) => getHeavyWork().exportVotes(query, judgeSalt),
    };
  });
}

/** next-auth's options for this process (one set of sign-in rate limiters). */
export function getAuthOptions(): AuthOptions {
  return processShared("auth-options", () =>
    createAuthOptions(getDb(), getSessionSecret(), getEnv(), clientAddressFromHeaderRecord, getRateLimitStore()),
  );
}

/**
 * The signed-in operator for a page, from the request's Cookie header. A cookie with a malformed
 * percent-escape signs nobody in (the page then asks to sign in) instead of failing the page.
 */
export async function getOperatorSession(cookieHeader: string | null): Promise<OperatorSession | null> {
  try {
    return await readOperatorSession(getDb(), getSessionSecret(), cookieHeader);
  } catch (error) {
    if (error instanceof URIError) return null;
    throw error;
  }
}
