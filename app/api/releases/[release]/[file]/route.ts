import { getDb, getMediaStore } from "@/lib/http/app-context";
import { serveReleaseFile } from "@/lib/http/release-files";
import { refuseOtherMethods } from "@/lib/http/method-not-allowed";

export async function GET(
  _request: Request,
  { params }: RouteContext<"/api/releases/[release]/[file]">,
): Promise<Response> {
  const { release, file } = await params;
  return serveReleaseFile(getDb(), getMediaStore(), release, file);
}

export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
