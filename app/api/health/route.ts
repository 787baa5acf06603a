import { getDb } from "@/lib/http/app-context";
import { toErrorResponse } from "@/lib/http/errors";
import { refuseOtherMethods } from "@/lib/http/method-not-allowed";

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

export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
