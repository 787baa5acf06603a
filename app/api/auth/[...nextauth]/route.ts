import NextAuth from "next-auth";
import { getAuthOptions } from "@/lib/http/app-context";
import { refuseOtherMethods } from "@/lib/http/method-not-allowed";

function handler(request: Request, context: RouteContext<"/api/auth/[...nextauth]">): Promise<Response> {
  return NextAuth(request as never, context, getAuthOptions()) as Promise<Response>;
}

export { handler as GET, handler as POST };

export const { PUT, PATCH, DELETE } = refuseOtherMethods("GET", "POST");
