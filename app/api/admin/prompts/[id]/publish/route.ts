import { handlePromptPublication } from "@/lib/admin/admin-api";
import { getAdminContext } from "@/lib/admin/admin-context";

export async function POST(
  request: Request,
  { params }: RouteContext<"/api/admin/prompts/[id]/publish">,
): Promise<Response> {
  return handlePromptPublication(getAdminContext(), request, (await params).id);
}
