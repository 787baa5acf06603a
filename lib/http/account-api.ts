import { requireOperator } from "../auth/operator-session";
import type { Role } from "../auth/operators";
import type { Db } from "../db/client";
import { toErrorResponse } from "./errors";
import { ApiError } from "../errors";
import { idSchema } from "../admin/schemas";
import { createApiKey, revokeApiKey } from "../export/api-keys";

/** What the account endpoints need; tests pass their own. */
export interface AccountContext {
  db: Db;
  secret: string;
}

const SIGNED_IN: readonly Role[] = ["admin", "researcher"];
const NO_STORE = { "Cache-Control": "no-store" };

/** POST /api/account/keys → 201 `{ id, key }`: a new export API key, shown this once. */
export async function handleCreateApiKey(ctx: AccountContext, request: Request): Promise<Response> {
  try {
    const operator = await requireOperator(ctx.db, ctx.secret, request, SIGNED_IN);
    return Response.json(await createApiKey(ctx.db, operator.id), { status: 201, headers: NO_STORE });
  } catch (error) {
    return toErrorResponse(error);
  }
}

/** POST /api/account/keys/{id}/revoke: revokes one of the caller's own keys. */
export async function handleRevokeApiKey(ctx: AccountContext, request: Request, id: string): Promise<Response> {
  try {
    const operator = await requireOperator(ctx.db, ctx.secret, request, SIGNED_IN);
    if (!(await revokeApiKey(ctx.db, operator.id, idSchema.parse(id))))
      throw new ApiError(404, "not_found", "You have no such live key.");
    return Response.json({ id, revoked: true }, { headers: NO_STORE });
  } catch (error) {
    return toErrorResponse(error);
  }
}
