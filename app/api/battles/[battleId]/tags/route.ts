import { getArenaContext } from "@/lib/http/app-context";
import { refuseOtherMethods } from "@/lib/http/method-not-allowed";
import { handleAmendVoteTags } from "@/lib/http/vote-tags-api";

export async function PUT(
  request: Request,
  { params }: RouteContext<"/api/battles/[battleId]/tags">,
): Promise<Response> {
  const { battleId } = await params;
  return handleAmendVoteTags(getArenaContext(), request, battleId);
}

export const { GET, POST, PATCH, DELETE } = refuseOtherMethods("PUT");
