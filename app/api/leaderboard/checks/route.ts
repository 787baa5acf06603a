import { getPublicContext } from "@/lib/http/app-context";
import { handleCheckAccuracy } from "@/lib/http/check-accuracy-api";
import { refuseOtherMethods } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return handleCheckAccuracy(getPublicContext(), request);
}

export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
