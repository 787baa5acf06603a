import { getArenaContext } from "@/lib/http/app-context";
import { refuseOtherMethods } from "@/lib/http/method-not-allowed";
import { handleRecognition } from "@/lib/http/recognition-api";

export async function POST(
  request: Request,
  { params }: RouteContext<"/api/battles/[battleId]/recognition">,
): Promise<Response> {
  const { battleId } = await params;
  return handleRecognition(getArenaContext(), request, battleId);
}

export const { GET, PUT, PATCH, DELETE } = refuseOtherMethods("POST");
