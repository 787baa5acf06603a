import { randomBytes } from "node:crypto";
import { z } from "zod";
import { DomainError } from "../errors";
import { type ArenaStore, recordBattle } from "./arena-store";
import { slugSchema } from "../shared-schemas";
import { BATTLE_TTL_MS } from "./serve-battle";
import { namedClipWhere } from "../clip-visibility";

/** POST /api/compare/battles: a named pair the voter chose, left model first. */
export const namedBattleBodySchema = z.strictObject({
  promptId: z.string().min(1).max(40),
  models: z.tuple([slugSchema, slugSchema]).refine(([a, b]) => a !== b, { message: "choose two different models" }),
});
export type NamedBattleBody = z.infer<typeof namedBattleBodySchema>;

export interface NamedBattleResponse {
  battleId: string;
  expiresAt: string;
}

/**
 * Records a named side-by-side the voter asked for, so a vote on it can be kept (as `named`,
 * never counted in the leaderboard) through the same vote endpoint as blind battles. Only
 * published prompts have named battles: a prompt in the blind pool must not let a voter see its
 * clips next to their models' names.
 */
export async function serveNamedBattle(
  store: ArenaStore,
  voterSessionId: string,
  body: NamedBattleBody,
  now = new Date(),
): Promise<NamedBattleResponse> {
  const { db } = store;
  const clips = await Promise.all(
    body.models.map((slug) =>
      db.clip.findFirst({
        where: { AND: [namedClipWhere(), { promptId: body.promptId, model: { slug } }] },
        orderBy: { createdAt: "desc" },
        select: { id: true, soundRenditionKey: true },
      }),
    ),
  );
  const [left, right] = clips;
  if (!left || !right)
    throw new DomainError("clip_not_found", "One of these models has no published clip for this prompt.");
  const token = randomBytes(18).toString("base64url");
  const expiresAt = new Date(now.getTime() + BATTLE_TTL_MS);
  const battleId = await recordBattle(store, {
    token,
    kind: "named",
    size: 2,
    clipCId: null,
    clipDId: null,
    promptId: body.promptId,
    leftClipId: left.id,
    rightClipId: right.id,
    voterSessionId,
    lang: "en",
    category: null,
    servedAt: now,
    expiresAt,
    // Named battles show the models, so sound may differ by model: it plays when both have it.
    withSound: left.soundRenditionKey !== null && right.soundRenditionKey !== null,
    checkTwinSide: null,
    checkTwinId: null,
  });
  return { battleId, expiresAt: expiresAt.toISOString() };
}
