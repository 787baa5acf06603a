import { getDb } from "@/lib/http/app-context";
import { handleHealth } from "@/lib/http/health-api";
import { refuseOtherMethods } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

/** Liveness and database reachability, for load balancers and start-up checks. */
export function GET(): Promise<Response> {
  return handleHealth(getDb());
}

export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
