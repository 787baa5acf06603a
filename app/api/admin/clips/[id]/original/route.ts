import { handleClipOriginal } from "@/lib/admin/admin-api";
import { getAdminContext } from "@/lib/admin/admin-context";

async function serve(request: Request, { params }: RouteContext<"/api/admin/clips/[id]/original">): Promise<Response> {
  return handleClipOriginal(getAdminContext(), request, (await params).id);
}

export { serve as GET, serve as HEAD };
