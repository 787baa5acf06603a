import { getAdminContext } from "@/lib/admin/admin-context";
import { handleCreateApiKey } from "@/lib/account/account-api";

export function POST(request: Request): Promise<Response> {
  return handleCreateApiKey(getAdminContext(), request);
}
