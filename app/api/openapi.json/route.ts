import { buildOpenApiDocument } from "@/lib/http/openapi/document";
import { PUBLIC_HEADERS } from "@/lib/http/public-api";

export function GET(): Response {
  return Response.json(buildOpenApiDocument(), { headers: PUBLIC_HEADERS });
}
