import { getMeContext } from "@/lib/http/app-context";
import { handleMyBoard } from "@/lib/http/me-api";
import { refuseOtherMethods } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return handleMyBoard(getMeContext(), request);
}

export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
