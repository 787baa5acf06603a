import { handlePromptPublication } from "@/lib/http/admin-api";
import { getAdminContext } from "@/lib/http/app-context";
import { refuseOtherMethods } from "@/lib/http/method-not-allowed";

export async function POST(
  request: Request,
  { params }: RouteContext<"/api/admin/prompts/[id]/publish">,
): Promise<Response> {
  return handlePromptPublication(getAdminContext(), request, (await params).id);
}

export const { GET, PUT, PATCH, DELETE } = refuseOtherMethods("POST");
