import { handleVote } from "@/lib/arena/arena-api";
import { getArenaContext } from "@/lib/arena/arena-context";

export async function POST(
  request: Request,
  { params }: RouteContext<"/api/battles/[battleId]/vote">,
): Promise<Response> {
  const { battleId } = await params;
  return handleVote(getArenaContext(), request, battleId);
}
