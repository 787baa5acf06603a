import { handleSavePrompt } from "@/lib/admin/admin-api";
import { getAdminContext } from "@/lib/admin/admin-context";

export async function PATCH(request: Request, { params }: RouteContext<"/api/admin/prompts/[id]">): Promise<Response> {
  return handleSavePrompt(getAdminContext(), request, (await params).id);
}
