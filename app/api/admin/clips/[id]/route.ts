import { handleClipVisibility } from "@/lib/admin/admin-api";
import { getAdminContext } from "@/lib/admin/admin-context";

export async function PATCH(request: Request, { params }: RouteContext<"/api/admin/clips/[id]">): Promise<Response> {
  return handleClipVisibility(getAdminContext(), request, (await params).id);
}
