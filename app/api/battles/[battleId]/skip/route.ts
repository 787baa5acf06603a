import { getArenaContext } from "@/lib/arena/arena-context";
import { handleSkipBattle } from "@/lib/http/skip-battle-api";

export async function POST(
  request: Request,
  { params }: RouteContext<"/api/battles/[battleId]/skip">,
): Promise<Response> {
  const { battleId } = await params;
  return handleSkipBattle(getArenaContext(), request, battleId);
}
