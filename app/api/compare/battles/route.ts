import { handleCreateNamedBattle } from "@/lib/arena/arena-api";
import { getArenaContext } from "@/lib/arena/arena-context";

export function POST(request: Request): Promise<Response> {
  return handleCreateNamedBattle(getArenaContext(), request);
}
