import { handleUpdateModel } from "@/lib/admin/admin-api";
import { getAdminContext } from "@/lib/admin/admin-context";

export async function PATCH(request: Request, { params }: RouteContext<"/api/admin/models/[id]">): Promise<Response> {
  return handleUpdateModel(getAdminContext(), request, (await params).id);
}
