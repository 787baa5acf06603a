import { getPublicContext } from "@/lib/http/app-context";
import { refuseOtherMethods } from "@/lib/http/method-not-allowed";
import { handleRecognitionRates } from "@/lib/http/recognition-rates-api";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return handleRecognitionRates(getPublicContext(), request);
}

export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
