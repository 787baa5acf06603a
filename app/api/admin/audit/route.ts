import { handleAuditLog } from "@/lib/http/admin-api";
import { getAdminContext } from "@/lib/http/app-context";
import { refuseOtherMethods } from "@/lib/http/method-not-allowed";

export function GET(request: Request): Promise<Response> {
  return handleAuditLog(getAdminContext(), request);
}

export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
