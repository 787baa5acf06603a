import { getPublicContext } from "@/lib/http/app-context";
import { handleFailureTimes } from "@/lib/http/failure-times-api";
import { refuseOtherMethods } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return handleFailureTimes(getPublicContext(), request);
}

export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
