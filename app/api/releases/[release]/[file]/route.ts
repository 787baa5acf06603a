import { getDb, getMediaStore } from "@/lib/http/app-context";
import { serveReleaseFile } from "@/lib/http/release-files";
import { refuseOtherMethods } from "@/lib/http/method-not-allowed";

async function serve(request: Request, { params }: RouteContext<"/api/releases/[release]/[file]">): Promise<Response> {
  const { release, file } = await params;
  return serveReleaseFile(getDb(), getMediaStore(), request, release, file);
}

export { serve as GET, serve as HEAD };

export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
