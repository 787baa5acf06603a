import { handleModels } from "@/lib/http/catalog-api";
import { getPublicContext } from "@/lib/http/app-context";
import { refuseOtherMethods } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return handleModels(getPublicContext(), request);
}

export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
