import { buildOpenApiDocument } from "@/lib/http/openapi/document";
import { PUBLIC_HEADERS } from "@/lib/http/public-api";
import { refuseOtherMethods } from "@/lib/http/method-not-allowed";

export function GET(): Response {
  return Response.json(buildOpenApiDocument(), { headers: PUBLIC_HEADERS });
}

export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
