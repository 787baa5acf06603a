import { handleModels } from "@/lib/catalog/catalog-api";
import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return handleModels(getDb(), request);
}
