import { getDb } from "@/lib/db";
import { toErrorResponse } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

/** Liveness and database reachability, for load balancers and start-up checks. */
export async function GET(): Promise<Response> {
  try {
    await getDb().$queryRawUnsafe("SELECT 1");
    return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return toErrorResponse(error);
  }
}
