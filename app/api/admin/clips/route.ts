import { handleUploadClip } from "@/lib/http/admin-api";
import { getAdminContext } from "@/lib/http/app-context";
import { refuseOtherMethods } from "@/lib/http/method-not-allowed";

export function POST(request: Request): Promise<Response> {
  return handleUploadClip(getAdminContext(), request);
}

export const { GET, PUT, PATCH, DELETE } = refuseOtherMethods("POST");
