import { handleClipOriginal } from "@/lib/http/admin-api";
import { getAdminContext } from "@/lib/http/app-context";
import { refuseOtherMethods } from "@/lib/http/method-not-allowed";

async function serve(request: Request, { params }: RouteContext<"/api/admin/clips/[id]/original">): Promise<Response> {
  return handleClipOriginal(getAdminContext(), request, (await params).id);
}

export { serve as GET, serve as HEAD };

export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
