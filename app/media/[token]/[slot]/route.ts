import { getArenaContext, getMediaStore } from "@/lib/http/app-context";
import { serveBattleMedia } from "@/lib/http/battle-media";

async function serve(request: Request, { params }: RouteContext<"/media/[token]/[slot]">): Promise<Response> {
  const { token, slot } = await params;
  return serveBattleMedia(getArenaContext().db, getMediaStore(), request, token, slot);
}

export { serve as GET, serve as HEAD };
