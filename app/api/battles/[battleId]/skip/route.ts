import { getArenaContext } from "@/lib/http/app-context";
import { refuseOtherMethods } from "@/lib/http/method-not-allowed";
import { handleSkipBattle } from "@/lib/http/skip-battle-api";

export async function POST(
  request: Request,
  { params }: RouteContext<"/api/battles/[battleId]/skip">,
): Promise<Response> {
  const { battleId } = await params;
  return handleSkipBattle(getArenaContext(), request, battleId);
}

export const { GET, PUT, PATCH, DELETE } = refuseOtherMethods("POST");
