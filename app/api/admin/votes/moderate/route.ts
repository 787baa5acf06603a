import { handleModerateVotes } from "@/lib/http/admin-api";
import { getAdminContext } from "@/lib/http/app-context";

export function POST(request: Request): Promise<Response> {
  return handleModerateVotes(getAdminContext(), request);
}
