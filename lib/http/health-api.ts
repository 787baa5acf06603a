import type { Db } from "../db/client";
import { toErrorResponse } from "./errors";

/**
 * GET /api/health: liveness and database reachability, for load balancers and start-up checks.
 * 200 `{ "status": "ok" }` once `SELECT 1` answers; the error mapper's answer (503 for an
 * unreachable database) otherwise. Never cached.
 */
export async function handleHealth(db: Db): Promise<Response> {
  try {
    await db.$queryRawUnsafe("SELECT 1");
    return new Response(HEALTHY, { headers: { "Content-Type": "application/json", "Cache-Control": "no-store" } });
  } catch (error) {
    return toErrorResponse(error);
  }
}

const HEALTHY = JSON.stringify({ status: "ok" });
