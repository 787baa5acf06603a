import { handleExportVotes } from "@/lib/http/export-api";
import { getExportContext } from "@/lib/http/app-context";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return handleExportVotes(getExportContext(), request);
}
