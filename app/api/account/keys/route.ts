import { getAdminContext } from "@/lib/http/app-context";
import { handleCreateApiKey } from "@/lib/http/account-api";
import { refuseOtherMethods } from "@/lib/http/method-not-allowed";

export function POST(request: Request): Promise<Response> {
  return handleCreateApiKey(getAdminContext(), request);
}

export const { GET, PUT, PATCH, DELETE } = refuseOtherMethods("POST");
