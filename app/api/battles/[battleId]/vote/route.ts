import { handleVote } from "@/lib/http/arena-api";
import { getArenaContext } from "@/lib/http/app-context";
import { refuseOtherMethods } from "@/lib/http/method-not-allowed";

export async function POST(
  request: Request,
  { params }: RouteContext<"/api/battles/[battleId]/vote">,
): Promise<Response> {
  const { battleId } = await params;
  return handleVote(getArenaContext(), request, battleId);
}

export const { GET, PUT, PATCH, DELETE } = refuseOtherMethods("POST");
