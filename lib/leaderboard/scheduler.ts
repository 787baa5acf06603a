import { spawn } from "node:child_process";
import path from "node:path";
import type { Db } from "../db/client";
import type { Env } from "../env";
import { forgetLatestSnapshot } from "./latest-snapshot";
import { isRecomputeDue } from "./recompute";
import type { SnapshotParams } from "./snapshot-data";

/** The published leaderboard's parameters, from the environment. */
export function snapshotParams(env: Env): SnapshotParams {
  return {
    btBootstrap: env.BT_BOOTSTRAP_ROUNDS,
    eloBootstrap: env.ELO_BOOTSTRAP_ROUNDS,
    eloK: 4,
    seed: 42,
    includeFlagged: false,
    burstVotesPerMinute: env.INTEGRITY_BURST_VOTES_PER_MINUTE,
  };
}

/**
 * Runs `npm run leaderboard:recompute` as a child process: the fits take seconds at scale, and in
 * their own process they neither block this server's event loop nor take it down if they fail.
 */
function recomputeInChildProcess(log: (line: string) => void): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(path.resolve("node_modules", ".bin", "tsx"), ["scripts/recompute-leaderboard.ts"], {
      env: process.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", (error) => {
      log(`leaderboard recompute could not start: ${error.message}`);
      resolve(false);
    });
    child.on("exit", (code) => {
      const last = output.trim().split("\n").pop() ?? "";
      log(code === 0 ? `leaderboard: ${last}` : `leaderboard recompute failed (exit ${code}): ${last}`);
      resolve(code === 0);
    });
  });
}

/**
 * Checks every RECOMPUTE_CHECK_SECONDS whether the leaderboard is due (see isRecomputeDue) and
 * recomputes it in a child process. Every instance runs this loop; the database lease lets one
 * recompute at a time. Returns a function that stops the loop.
 */
export function startLeaderboardScheduler(db: Db, env: Env, log: (line: string) => void = console.log): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      if (await isRecomputeDue(db, env.RECOMPUTE_AFTER_VOTES, env.RECOMPUTE_AFTER_SECONDS)) {
        if (await recomputeInChildProcess(log)) forgetLatestSnapshot();
      }
    } catch (error) {
      log(`leaderboard check failed: ${(error as Error).message.split("\n")[0]}`);
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), env.RECOMPUTE_CHECK_SECONDS * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
