import { getPublicContext } from "@/lib/http/app-context";
import { handleFailures } from "@/lib/http/failures-api";
import { refuseOtherMethods } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return handleFailures(getPublicContext(), request);
}

export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
