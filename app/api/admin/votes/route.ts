import { handleListVotes } from "@/lib/admin/admin-api";
import { getAdminContext } from "@/lib/admin/admin-context";

export function GET(request: Request): Promise<Response> {
  return handleListVotes(getAdminContext(), request);
}
