import { getAdminContext } from "@/lib/http/app-context";
import { handleRevokeApiKey } from "@/lib/http/account-api";
import { refuseOtherMethods } from "@/lib/http/method-not-allowed";

export async function POST(
  request: Request,
  { params }: RouteContext<"/api/account/keys/[id]/revoke">,
): Promise<Response> {
  return handleRevokeApiKey(getAdminContext(), request, (await params).id);
}

export const { GET, PUT, PATCH, DELETE } = refuseOtherMethods("POST");
