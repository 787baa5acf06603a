import { handleVote } from "@/lib/http/arena-api";
import { getArenaContext } from "@/lib/http/app-context";

export async function POST(
  request: Request,
  { params }: RouteContext<"/api/battles/[battleId]/vote">,
): Promise<Response> {
  const { battleId } = await params;
  return handleVote(getArenaContext(), request, battleId);
}
