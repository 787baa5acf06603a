import { getAdminContext } from "@/lib/http/app-context";
import { handleRevokeApiKey } from "@/lib/http/account-api";

export async function POST(
  request: Request,
  { params }: RouteContext<"/api/account/keys/[id]/revoke">,
): Promise<Response> {
  return handleRevokeApiKey(getAdminContext(), request, (await params).id);
}
