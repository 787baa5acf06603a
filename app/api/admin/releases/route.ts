import { handleCreateRelease } from "@/lib/admin/admin-api";
import { getAdminContext } from "@/lib/admin/admin-context";

export function POST(request: Request): Promise<Response> {
  return handleCreateRelease(getAdminContext(), request);
}
