import { handleClipGeneration } from "@/lib/http/admin-api";
import { getAdminContext } from "@/lib/http/app-context";
import { refuseOtherMethods } from "@/lib/http/method-not-allowed";

export async function PATCH(
  request: Request,
  { params }: RouteContext<"/api/admin/clips/[id]/generation">,
): Promise<Response> {
  return handleClipGeneration(getAdminContext(), request, (await params).id);
}

export const { GET, POST, PUT, DELETE } = refuseOtherMethods("PATCH");
