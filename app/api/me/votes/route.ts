import { getMeContext } from "@/lib/http/app-context";
import { handleDeleteMyVotes } from "@/lib/http/me-api";
import { refuseOtherMethods } from "@/lib/http/method-not-allowed";

export function DELETE(request: Request): Promise<Response> {
  return handleDeleteMyVotes(getMeContext(), request);
}

export const { GET, POST, PUT, PATCH } = refuseOtherMethods("DELETE");
