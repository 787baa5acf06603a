import { handleUpdateModel } from "@/lib/http/admin-api";
import { getAdminContext } from "@/lib/http/app-context";

export async function PATCH(request: Request, { params }: RouteContext<"/api/admin/models/[id]">): Promise<Response> {
  return handleUpdateModel(getAdminContext(), request, (await params).id);
}
