import { handleModel } from "@/lib/http/catalog-api";
import { getPublicContext } from "@/lib/http/app-context";
import { refuseOtherMethods } from "@/lib/http/method-not-allowed";

export async function GET(request: Request, { params }: RouteContext<"/api/models/[slug]">): Promise<Response> {
  const { slug } = await params;
  return handleModel(getPublicContext(), request, slug);
}

export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
