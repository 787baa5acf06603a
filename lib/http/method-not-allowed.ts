import { errorResponse } from "./errors";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];

/**
 * Handlers for the methods a route file does not serve: a 405 in the API's error shape with an
 * Allow header (Next.js's own 405 has an empty body). A route file spreads the ones it lacks:
 * `export const { PUT, PATCH, DELETE } = refuseOtherMethods("GET", "POST")`.
 */
export function refuseOtherMethods(...allowed: Method[]): Record<Method, () => Response> {
  const allow = [...allowed, ...(allowed.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ");
  const refuse = () =>
    errorResponse(405, "method_not_allowed", `This endpoint answers ${allowed.join(" and ")} only.`, { Allow: allow });
  return Object.fromEntries(METHODS.map((method) => [method, refuse])) as Record<Method, () => Response>;
}
