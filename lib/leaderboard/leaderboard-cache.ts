import type { Db } from "../db/client";
import { fitRangeView, type RangeFitter } from "./date-range-view";
import { type LoadedSnapshot, readLatestSnapshot } from "./latest-snapshot";
import { isFittedOnRequest, type LeaderboardQuery, queryKey } from "./leaderboard-query";
import type { PublishedView } from "./snapshot-data";

/** How long a process trusts the snapshot it holds before asking the database for a newer one. */
const RECHECK_MS = 2_000;
/** Fitted ranges kept in memory, per snapshot; the oldest go first. */
const MAX_RANGE_VIEWS = 100;

/** Values keyed by string that hold for one snapshot: asking for another snapshot's map empties it. */
export class PerSnapshotMap<V> {
  #snapshotId: string | null = null;
  #values = new Map<string, V>();

  /** The map for snapshot `snapshotId` (emptied first when the last call named another snapshot). */
  for(snapshotId: string): Map<string, V> {
    if (this.#snapshotId !== snapshotId) {
      this.#values.clear();
      this.#snapshotId = snapshotId;
    }
    return this.#values;
  }
}

/**
 * What the leaderboard's readers reuse between requests: the latest snapshot (parsed once per
 * snapshot), the date-range views fitted from it, and the API's serialised answers. One per
 * process, held by the composition root (lib/http/app-context.ts), so the scheduler's forget()
 * reaches the copy the pages and the API read; each test fixture builds its own.
 */
export class LeaderboardCache {
  /**
   * @param fit how a date range is fitted: in this thread by default (CLIs, tests); the web
   * process passes a worker-thread fitter bounded by a Gate (lib/http/heavy-work.ts).
   */
  constructor(readonly fit: RangeFitter = fitRangeView) {}

  #held: { snapshot: LoadedSnapshot | null; checkedAt: number } | undefined;
  #rangeViews = new PerSnapshotMap<Promise<PublishedView>>();
  /** GET /api/leaderboard's JSON bodies by query key (lib/http/leaderboard-api.ts). */
  readonly apiBodies = new PerSnapshotMap<string>();

  /**
   * The newest leaderboard snapshot (null before the first). The database is asked for the newest
   * id at most every RECHECK_MS (`now` in epoch milliseconds), so pages and the API never
   * recompute and rarely touch the database.
   */
  async latestSnapshot(db: Db, now = Date.now()): Promise<LoadedSnapshot | null> {
    const held = this.#held;
    if (held && now - held.checkedAt < RECHECK_MS) return held.snapshot;
    const snapshot = await readLatestSnapshot(db, held?.snapshot ?? null);
    this.#held = { snapshot, checkedAt: now };
    return snapshot;
  }

  /** Drops the held snapshot (right after this process wrote a new one, and in tests). */
  forget(): void {
    this.#held = undefined;
  }

  /**
   * The Bradley-Terry view of a query fitted on request (isFittedOnRequest: a date range, the
   * half-a-win fit, a clustered bootstrap, `exclude=recognised`) from `snapshot`'s votes
   * (fitRangeView), reused until the next snapshot (at most MAX_RANGE_VIEWS per snapshot, the
   * oldest dropped first). Null when the query is not fitted on request or cannot be (no
   * snapshot, unknown category, Elo, style: the caller answers those). `admit` is awaited before
   * a new fit only, a cached one never: the caller's rate limit, which throws (a 429 ApiError) to
   * refuse the fit.
   */
  async rangeView(
    db: Db,
    snapshot: LoadedSnapshot | null,
    query: LeaderboardQuery,
    knownCategories: string[],
    admit: () => Promise<void> = async () => {},
  ): Promise<PublishedView | null> {
    if (!snapshot || !isFittedOnRequest(query) || query.method === "elo" || query.control !== "none") return null;
    if (query.category !== "overall" && !knownCategories.includes(query.category)) return null;
    const views = this.#rangeViews.for(snapshot.id);
    const key = queryKey(query);
    let view = views.get(key);
    if (!view) await admit();
    // Another request may have started the same fit while this one was admitted.
    view = views.get(key);
    if (!view) {
      view = this.fit(db, { computedAt: snapshot.computedAt, params: snapshot.params }, query);
      view.catch(() => views.delete(key));
      if (views.size >= MAX_RANGE_VIEWS) views.delete(views.keys().next().value as string);
      views.set(key, view);
    }
    return view;
  }
}
