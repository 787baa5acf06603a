import { getMediaContext } from "@/lib/http/app-context";
import { serveBattleMedia } from "@/lib/http/battle-media";
import { refuseOtherMethods } from "@/lib/http/method-not-allowed";

async function serve(request: Request, { params }: RouteContext<"/media/[token]/[slot]">): Promise<Response> {
  const { token, slot } = await params;
  return serveBattleMedia(getMediaContext(), request, token, slot);
}

export { serve as GET, serve as HEAD };

export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
