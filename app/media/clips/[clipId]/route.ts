import { getArenaContext, getMediaStore } from "@/lib/arena/arena-context";
import { serveNamedClip } from "@/lib/arena/battle-media";

async function serve(request: Request, { params }: RouteContext<"/media/clips/[clipId]">): Promise<Response> {
  const { clipId } = await params;
  return serveNamedClip(getArenaContext().db, getMediaStore(), getArenaContext().secret, request, clipId);
}

export { serve as GET, serve as HEAD };
