import { handleAddModelFact, handleListModelFacts } from "@/lib/http/admin-api";
import { getAdminContext } from "@/lib/http/app-context";
import { refuseOtherMethods } from "@/lib/http/method-not-allowed";

export async function GET(
  request: Request,
  { params }: RouteContext<"/api/admin/models/[id]/facts">,
): Promise<Response> {
  return handleListModelFacts(getAdminContext(), request, (await params).id);
}

export async function POST(
  request: Request,
  { params }: RouteContext<"/api/admin/models/[id]/facts">,
): Promise<Response> {
  return handleAddModelFact(getAdminContext(), request, (await params).id);
}

export const { PUT, PATCH, DELETE } = refuseOtherMethods("GET", "POST");
