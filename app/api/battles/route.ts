import { handleCreateBattle } from "@/lib/http/arena-api";
import { getArenaContext } from "@/lib/http/app-context";
import { refuseOtherMethods } from "@/lib/http/method-not-allowed";

export function POST(request: Request): Promise<Response> {
  return handleCreateBattle(getArenaContext(), request);
}

export const { GET, PUT, PATCH, DELETE } = refuseOtherMethods("POST");
