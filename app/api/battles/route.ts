import { handleCreateBattle } from "@/lib/http/arena-api";
import { getArenaContext } from "@/lib/http/app-context";

export function POST(request: Request): Promise<Response> {
  return handleCreateBattle(getArenaContext(), request);
}
