import { getDb } from "@/lib/db";
import { handleLeaderboard } from "@/lib/http/leaderboard-api";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return handleLeaderboard(getDb(), request);
}
