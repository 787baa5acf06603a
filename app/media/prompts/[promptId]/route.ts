import { getArenaContext, getMediaStore } from "@/lib/http/app-context";
import { imageMimeType } from "@/lib/storage/image-type";
import { findPromptImage } from "@/lib/catalog/comparison";
import { serveStoredFile } from "@/lib/http/serve-file";
import { refuseOtherMethods } from "@/lib/http/method-not-allowed";

async function serve(request: Request, { params }: RouteContext<"/media/prompts/[promptId]">): Promise<Response> {
  const { promptId } = await params;
  const key = await findPromptImage(getArenaContext().db, promptId);
  const file = key ? { storageKey: key, mimeType: imageMimeType(key) } : null;
  return serveStoredFile(getMediaStore(), request, file, "public, max-age=86400");
}

export { serve as GET, serve as HEAD };

export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
