import { getMediaContext } from "@/lib/http/app-context";
import { serveNamedClip } from "@/lib/http/battle-media";
import { refuseOtherMethods } from "@/lib/http/method-not-allowed";

async function serve(request: Request, { params }: RouteContext<"/media/clips/[clipId]">): Promise<Response> {
  const { clipId } = await params;
  return serveNamedClip(getMediaContext(), request, clipId);
}

export { serve as GET, serve as HEAD };

export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
