import { handleClipVisibility } from "@/lib/http/admin-api";
import { getAdminContext } from "@/lib/http/app-context";

export async function PATCH(request: Request, { params }: RouteContext<"/api/admin/clips/[id]">): Promise<Response> {
  return handleClipVisibility(getAdminContext(), request, (await params).id);
}
