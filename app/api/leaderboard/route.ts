import { getPublicContext } from "@/lib/http/app-context";
import { handleLeaderboard } from "@/lib/http/leaderboard-api";
import { refuseOtherMethods } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return handleLeaderboard(getPublicContext(), request);
}

export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
