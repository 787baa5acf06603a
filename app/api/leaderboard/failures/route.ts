import { getDb } from "@/lib/db";
import { handleFailures } from "@/lib/http/failures-api";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return handleFailures(getDb(), request);
}
