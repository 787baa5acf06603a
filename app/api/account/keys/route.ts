import { getAdminContext } from "@/lib/http/app-context";
import { handleCreateApiKey } from "@/lib/http/account-api";

export function POST(request: Request): Promise<Response> {
  return handleCreateApiKey(getAdminContext(), request);
}
