import { handleRenameCategory } from "@/lib/admin/admin-api";
import { getAdminContext } from "@/lib/admin/admin-context";

export async function PATCH(
  request: Request,
  { params }: RouteContext<"/api/admin/categories/[id]">,
): Promise<Response> {
  return handleRenameCategory(getAdminContext(), request, (await params).id);
}
