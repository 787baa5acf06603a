import { handlePromptDeliveryLength } from "@/lib/http/admin-api";
import { getAdminContext } from "@/lib/http/app-context";
import { refuseOtherMethods } from "@/lib/http/method-not-allowed";

export async function POST(
  request: Request,
  { params }: RouteContext<"/api/admin/prompts/[id]/delivery-length">,
): Promise<Response> {
  return handlePromptDeliveryLength(getAdminContext(), request, (await params).id);
}

export const { GET, PUT, PATCH, DELETE } = refuseOtherMethods("POST");
