import { handleExportVotes } from "@/lib/export/export-api";
import { getExportContext } from "@/lib/export/export-context";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return handleExportVotes(getExportContext(), request);
}
