import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getOperatorSession } from "@/lib/http/app-context";

export const dynamic = "force-dynamic";

/**
 * Where a sign-in without a page to return to lands: admins on the operator console, researchers
 * on their account (API keys), anyone not signed in back on the sign-in page. Decided here, on the
 * server, because the browser does not know the role.
 */
export default async function SignInLandingPage() {
  const session = await getOperatorSession((await headers()).get("cookie"));
  redirect(!session ? "/signin" : session.role === "admin" ? "/admin" : "/account");
}
