import { handleSavePrompt } from "@/lib/http/admin-api";
import { getAdminContext } from "@/lib/http/app-context";

export async function PATCH(request: Request, { params }: RouteContext<"/api/admin/prompts/[id]">): Promise<Response> {
  return handleSavePrompt(getAdminContext(), request, (await params).id);
}
