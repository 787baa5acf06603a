import { requireOperator } from "../auth/operator-session";
import type { Role } from "../auth/operators";
import type { Db } from "../db/client";
import { apiHandler } from "./api-handler";
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

/** The account endpoints' permission step: any signed-in operator. */
const signedIn = (ctx: AccountContext, request: Request) => requireOperator(ctx.db, ctx.secret, request, SIGNED_IN);

/** POST /api/account/keys → 201 `{ id, key }`: a new export API key, shown this once. */
export const handleCreateApiKey = apiHandler({
  permit: signedIn,
  call: async (ctx, _input, operator) =>
    Response.json(await createApiKey(ctx.db, operator.id), { status: 201, headers: NO_STORE }),
});

/** POST /api/account/keys/{id}/revoke: revokes one of the caller's own keys. */
export const handleRevokeApiKey = apiHandler({
  permit: signedIn,
  parse: (_request, [id]: [string]) => idSchema.parse(id),
  call: async (ctx, id, operator) => {
    if (!(await revokeApiKey(ctx.db, operator.id, id)))
      throw new ApiError(404, "not_found", "You have no such live key.");
    return Response.json({ id, revoked: true }, { headers: NO_STORE });
  },
});
