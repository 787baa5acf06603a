import { handleModel } from "@/lib/http/catalog-api";
import { getDb } from "@/lib/db";

export async function GET(request: Request, { params }: RouteContext<"/api/models/[slug]">): Promise<Response> {
  const { slug } = await params;
  return handleModel(getDb(), request, slug);
}
