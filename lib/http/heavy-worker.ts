// The worker thread behind lib/http/heavy-work.ts: runs the leaderboard recompute, date-range fits,
// voters' own boards and export encoding on its own database connection, so the web process's event loop only
// passes messages. Started by HeavyWork (built to .next/heavy-worker.mjs for `npm start`, run from
// source through tsx elsewhere); never imported by the web process itself.
import os from "node:os";
import { workerData } from "node:worker_threads";
import { readFullTally } from "../arena/vote-tally";
import { createDb } from "../db/client";
import { ENCODERS } from "../export/encoders";
import type { ExportQuery } from "../export/export-query";
import { readExportRows } from "../export/read-votes";
import { fitRangeView, type RangeFitSnapshot } from "../leaderboard/date-range-view";
import type { LeaderboardQuery } from "../leaderboard/leaderboard-query";
import { isRecomputeDue, recomputeLeaderboard } from "../leaderboard/recompute";
import type { SnapshotParams } from "../leaderboard/snapshot-data";
import { computeVoterBoard, type crowdRatingsOf } from "../leaderboard/voter-board";
import { serveWorkerJobs } from "../worker-pool";

/**
 * Heavy work yields the CPU to the request thread: on a machine with more runnable threads than
 * cores, a recompute at the same priority took its share from the voters' requests (`npm run
 * bench:stall`). On Linux a nice value belongs to a thread (setpriority(2), NOTES), so this lowers
 * this worker's alone; elsewhere it would lower the whole process, so it is left as it is.
 */
if (process.platform === "linux") os.setPriority(os.constants.priority.PRIORITY_LOW);

const { databaseUrl } = workerData as { databaseUrl: string };
const db = createDb(databaseUrl);

/** What each job receives; HeavyWork sends exactly these. */
export interface HeavyJobs {
  recompute: { params: SnapshotParams; due?: { afterVotes: number; afterSeconds: number } };
  rangeView: { snapshot: RangeFitSnapshot; query: LeaderboardQuery };
  exportVotes: { query: ExportQuery; judgeSalt: string };
  fullTally: { now: number };
  voterBoard: { voterSessionId: string; crowd: ReturnType<typeof crowdRatingsOf> };
}

serveWorkerJobs({
  recompute: async ({ params, due }: HeavyJobs["recompute"]) => {
    if (due && !(await isRecomputeDue(db, due.afterVotes, due.afterSeconds))) return null;
    return recomputeLeaderboard(db, params);
  },
  rangeView: ({ snapshot, query }: HeavyJobs["rangeView"]) => fitRangeView(db, snapshot, query),
  fullTally: ({ now }: HeavyJobs["fullTally"]) => readFullTally(db, now),
  voterBoard: ({ voterSessionId, crowd }: HeavyJobs["voterBoard"]) => computeVoterBoard(db, voterSessionId, crowd),
  exportVotes: ({ query, judgeSalt }: HeavyJobs["exportVotes"]) =>
    ENCODERS[query.format].encode(readExportRows(db, query, judgeSalt)),
});
