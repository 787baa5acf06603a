import { getAdminContext } from "@/lib/admin/admin-context";
import { handleRevokeApiKey } from "@/lib/account/account-api";

export async function POST(
  request: Request,
  { params }: RouteContext<"/api/account/keys/[id]/revoke">,
): Promise<Response> {
  return handleRevokeApiKey(getAdminContext(), request, (await params).id);
}
