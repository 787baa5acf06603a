import "server-only";
import { headers } from "next/headers";
import { forbidden, unauthorized } from "next/navigation";
import { cache } from "react";
import { getOperatorSession } from "@/lib/http/app-context";

/**
 * The signed-in admin for an operator page, checked on the server once per request: no session
 * renders the 401 page (a sign-in form), another role the 403 page.
 */
export const requireAdminPage = cache(async () => {
  const session = await getOperatorSession((await headers()).get("cookie"));
  if (!session) unauthorized();
  if (session.role !== "admin") forbidden();
  return session;
});
