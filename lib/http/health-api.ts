import type { Db } from "../db/client";
import { toErrorResponse } from "./errors";

/** The check each database's waiting health requests share, until it starts. */
const pendingChecks = new WeakMap<Db, Promise<unknown>>();

/**
 * One `SELECT 1` for every health request that arrives before it starts: it starts in the
 * event loop's check phase, after the requests read in that turn, so every answer still reflects
 * a query begun after its request came in. Under a prober's or a balancer's burst the query,
 * whose trip through the Prisma client costs more CPU than the rest of the request
 * (docs/benchmarks.md), runs once per turn instead of once per request.
 */
function checkDatabase(db: Db): Promise<unknown> {
  let check = pendingChecks.get(db);
  if (!check) {
    check = new Promise((resolve) => setImmediate(resolve)).then(() => {
      pendingChecks.delete(db);
      return db.$queryRawUnsafe("SELECT 1");
    });
    pendingChecks.set(db, check);
  }
  return check;
}

/**
 * GET /api/health: liveness and database reachability, for load balancers and start-up checks.
 * 200 `{ "status": "ok" }` once a `SELECT 1` begun after the request arrived answers (requests in
 * one event-loop turn share it, checkDatabase); the error mapper's answer (503 for an
 * unreachable database) otherwise. Never cached.
 */
export async function handleHealth(db: Db): Promise<Response> {
  try {
    await checkDatabase(db);
    return new Response(HEALTHY, { headers: { "Content-Type": "application/json", "Cache-Control": "no-store" } });
  } catch (error) {
    return toErrorResponse(error);
  }
}

const HEALTHY = JSON.stringify({ status: "ok" });
