import NextAuth from "next-auth";
import { getAuthOptions } from "@/lib/http/app-context";

function handler(request: Request, context: RouteContext<"/api/auth/[...nextauth]">): Promise<Response> {
  return NextAuth(request as never, context, getAuthOptions()) as Promise<Response>;
}

export { handler as GET, handler as POST };
