import { getMediaContext } from "@/lib/http/app-context";
import { servePromptImage } from "@/lib/http/battle-media";
import { refuseOtherMethods } from "@/lib/http/method-not-allowed";

async function serve(request: Request, { params }: RouteContext<"/media/prompts/[promptId]">): Promise<Response> {
  return servePromptImage(getMediaContext(), request, (await params).promptId);
}

export { serve as GET, serve as HEAD };

export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
