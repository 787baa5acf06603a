import { getEnv } from "@/lib/env";
import { serveReleaseFile } from "@/lib/http/release-files";

export async function GET(
  _request: Request,
  { params }: RouteContext<"/api/releases/[release]/[file]">,
): Promise<Response> {
  const { release, file } = await params;
  return serveReleaseFile(getEnv().DATASET_DIR, release, file);
}
