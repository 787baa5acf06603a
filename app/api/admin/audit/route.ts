import { handleAuditLog } from "@/lib/http/admin-api";
import { getAdminContext } from "@/lib/http/app-context";

export function GET(request: Request): Promise<Response> {
  return handleAuditLog(getAdminContext(), request);
}
