import { errorResponse } from "@/lib/http/errors";

/** Any /api/* path no route serves: a JSON 404 in the error shape, not Next.js's HTML page. */
function notFound(): Response {
  return errorResponse(404, "not_found", "There is no such endpoint; see /api/openapi.json.");
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
