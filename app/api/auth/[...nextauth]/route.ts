import NextAuth from "next-auth";
import { getAuthOptions } from "@/lib/http/app-context";
import { inErrorShape, refuseAuthRequest } from "@/lib/http/auth-requests";
import { refuseOtherMethods } from "@/lib/http/method-not-allowed";

async function handler(request: Request, context: RouteContext<"/api/auth/[...nextauth]">): Promise<Response> {
  const refused = await refuseAuthRequest(request, (await context.params).nextauth);
  return refused ?? inErrorShape(await (NextAuth(request as never, context, getAuthOptions()) as Promise<Response>));
}

export { handler as GET, handler as POST };

export const { PUT, PATCH, DELETE } = refuseOtherMethods("GET", "POST");
