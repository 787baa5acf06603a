import { handleExportVotes } from "@/lib/http/export-api";
import { getExportContext } from "@/lib/http/app-context";
import { refuseOtherMethods } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return handleExportVotes(getExportContext(), request);
}

export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
