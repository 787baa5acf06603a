import { getArenaContext, getMediaStore } from "@/lib/arena/arena-context";
import { serveBattleMedia } from "@/lib/arena/battle-media";

async function serve(request: Request, { params }: RouteContext<"/media/[token]/[slot]">): Promise<Response> {
  const { token, slot } = await params;
  return serveBattleMedia(getArenaContext().db, getMediaStore(), getArenaContext().secret, request, token, slot);
}

export { serve as GET, serve as HEAD };
