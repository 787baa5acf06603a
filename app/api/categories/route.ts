import { handleCategories } from "@/lib/http/catalog-api";
import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return handleCategories(getDb(), request);
}
