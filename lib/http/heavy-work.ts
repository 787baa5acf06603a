import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { FullTally } from "../arena/vote-tally";
import { type Db, databaseUrlOf } from "../db/client";
import { ApiError } from "../errors";
import type { ExportQuery } from "../export/export-query";
import type { RangeFitSnapshot } from "../leaderboard/date-range-view";
import type { LeaderboardQuery } from "../leaderboard/leaderboard-query";
import type { PublishedView, SnapshotParams } from "../leaderboard/snapshot-data";
import type { VoterBoard } from "../leaderboard/voter-board";
import { Gate, GateFullError, WorkerPool } from "../worker-pool";
import type { HeavyJobs } from "./heavy-worker";

/** Date-range fits at once per process, and how many may wait behind them. */
const RANGE_FITS = { running: 2, waiting: 8 };
/** Exports encoding at once per process, and how many may wait behind them. */
const EXPORTS = { running: 4, waiting: 16 };
/** Voters' own boards fitted at once per process, and how many may wait behind them. */
const VOTER_BOARDS = { running: 2, waiting: 16 };
const RETRY_AFTER_SECONDS = 5;

/**
 * Starts the heavy-work worker: in a production build the bundle esbuild wrote beside serve.mjs
 * (`.next/heavy-worker.mjs`, see package.json build:server); elsewhere (`next dev`, vitest, CLIs)
 * lib/http/heavy-worker.ts itself through tsx's loader, so the worker runs the code being edited.
 */
function spawnHeavyWorker(databaseUrl: string, production: boolean): Worker {
  const built = path.join(process.cwd(), ".next", "heavy-worker.mjs");
  const source = path.join(process.cwd(), "lib", "http", "heavy-worker.ts");
  const url = (file: string) => JSON.stringify(pathToFileURL(file).href);
  // Both start from a one-line script (eval), not a path: Turbopack would try to bundle a path
  // given to `new Worker` into the Next.js build, where the built file does not exist yet.
  const boot =
    production && fs.existsSync(built)
      ? `import(${url(built)});`
      : `import("tsx/esm/api").then(({ register }) => { register(); return import(${url(source)}); });`;
  return new Worker(boot, { eval: true, workerData: { databaseUrl } });
}

/** A Gate refusal as the API's answer: 503 with Retry-After, never a queue that grows without end. */
function busy(error: unknown, what: string): never {
  if (error instanceof GateFullError)
    throw new ApiError(503, "busy", `The server is busy with other ${what}; try again in a few seconds.`, {
      "Retry-After": String(RETRY_AFTER_SECONDS),
    });
  throw error;
}

/**
 * The web process's door to its worker threads (CONVENTIONS 12): the leaderboard recompute,
 * date-range fits and export encoding run there on the workers' own database connection, and this
 * thread only receives finished results (a snapshot id, a fitted view, encoded chunks). Range fits
 * and exports are bounded by Gates: beyond them a request gets 503 `busy` with Retry-After.
 * One per process, held by the composition root (app-context.ts).
 */
export class HeavyWork {
  readonly #pool: WorkerPool;
  /** Pools for other databases than the process's own (a job carries its client: tests' fixtures). */
  readonly #otherPools = new Map<string, WorkerPool>();
  readonly #databaseUrl: string;
  readonly #options: { threads: number; production: boolean };
  readonly #rangeFits = new Gate("range fit", RANGE_FITS.running, RANGE_FITS.waiting);
  readonly #exports = new Gate("export", EXPORTS.running, EXPORTS.waiting);
  readonly #voterBoards = new Gate("voter board", VOTER_BOARDS.running, VOTER_BOARDS.waiting);

  constructor(databaseUrl: string, options: { threads: number; production: boolean }) {
    this.#databaseUrl = databaseUrl;
    this.#options = options;
    this.#pool = new WorkerPool(() => spawnHeavyWorker(databaseUrl, options.production), options.threads);
  }

  /** The workers that read the database `db` was opened on. */
  #poolFor(db: Db): WorkerPool {
    const url = databaseUrlOf(db);
    if (url === this.#databaseUrl) return this.#pool;
    let pool = this.#otherPools.get(url);
    if (!pool) {
      pool = new WorkerPool(() => spawnHeavyWorker(url, this.#options.production), 1);
      this.#otherPools.set(url, pool);
    }
    return pool;
  }

  /**
   * recomputeLeaderboard in a worker; with `due`, only when isRecomputeDue says so (the vote count
   * it reads is taken in the worker too). Resolves to the new snapshot's id, or null.
   */
  recompute(params: SnapshotParams, due?: HeavyJobs["recompute"]["due"]): Promise<string | null> {
    return this.#pool.run<string | null>("recompute", { params, due } satisfies HeavyJobs["recompute"]);
  }

  /** readFullTally in a worker: the sampler's occasional full count of the counted votes (VoteTally). */
  fullTally(now: number): Promise<FullTally> {
    return this.#pool.run<FullTally>("fullTally", { now } satisfies HeavyJobs["fullTally"]);
  }

  /** fitRangeView in a worker, through the range-fit Gate (503 `busy` when it is full). A RangeFitter. */
  readonly fitRangeView = async (
    db: Db,
    snapshot: RangeFitSnapshot,
    query: LeaderboardQuery,
  ): Promise<PublishedView> => {
    const job = { snapshot: { computedAt: snapshot.computedAt, params: snapshot.params }, query };
    return this.#rangeFits
      .run(() => this.#poolFor(db).run<PublishedView>("rangeView", job satisfies HeavyJobs["rangeView"]))
      .catch((error: unknown) => busy(error, "date ranges"));
  };

  /** computeVoterBoard in a worker, through the voter-board Gate (503 `busy` when it is full). */
  readonly voterBoard = async (
    db: Db,
    voterSessionId: string,
    crowd: HeavyJobs["voterBoard"]["crowd"],
  ): Promise<VoterBoard> =>
    this.#voterBoards
      .run(() =>
        this.#poolFor(db).run<VoterBoard>("voterBoard", { voterSessionId, crowd } satisfies HeavyJobs["voterBoard"]),
      )
      .catch((error: unknown) => busy(error, "boards"));

  /**
   * The export's encoded bytes, read and encoded in a worker chunk by chunk as they are pulled
   * (ENCODERS over readExportRows). Waits for an export slot first (503 `busy` when the queue is
   * full); the slot is held until the stream ends or is cancelled.
   */
  async exportVotes(query: ExportQuery, judgeSalt: string): Promise<AsyncIterator<Uint8Array, undefined>> {
    const leave = await this.#exports.enter().catch((error: unknown) => busy(error, "exports"));
    const chunks = this.#pool.stream("exportVotes", { query, judgeSalt } satisfies HeavyJobs["exportVotes"]);
    // Not a generator: a generator's `finally` never runs when it is closed before its first
    // next(), and an export cancelled that early must still give its slot back.
    let left = false;
    const release = () => {
      if (left) return;
      left = true;
      leave();
    };
    return {
      async next() {
        try {
          const next = await chunks.next();
          if (next.done) release();
          return next.done ? { done: true, value: undefined } : next;
        } catch (error) {
          release();
          throw error;
        }
      },
      async return() {
        release();
        await chunks.return(undefined);
        return { done: true, value: undefined };
      },
    };
  }

  /** Stops the worker threads (tests). */
  async close(): Promise<void> {
    await Promise.all([this.#pool, ...this.#otherPools.values()].map((pool) => pool.close()));
  }
}
