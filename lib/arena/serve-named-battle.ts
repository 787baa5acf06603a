import { randomBytes } from "node:crypto";
import { z } from "zod";
import { ApiError } from "../http/errors";
import type { ArenaStore } from "./arena-store";
import { slugSchema } from "./schemas";
import { BATTLE_TTL_MS } from "./serve-battle";

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
 * never counted in the leaderboard) through the same vote endpoint as blind battles.
 */
export async function serveNamedBattle(
  { db, battles, served }: ArenaStore,
  voterSessionId: string,
  body: NamedBattleBody,
  now = new Date(),
): Promise<NamedBattleResponse> {
  const clips = await Promise.all(
    body.models.map((slug) =>
      db.clip.findFirst({
        where: { promptId: body.promptId, hidden: false, retiredAt: null, model: { slug } },
        orderBy: { createdAt: "desc" },
        select: { id: true },
      }),
    ),
  );
  const [left, right] = clips;
  if (!left || !right) throw new ApiError(404, "clip_not_found", "One of these models has no clip for this prompt.");
  const token = randomBytes(18).toString("base64url");
  const facts = {
    kind: "named",
    promptId: body.promptId,
    leftClipId: left.id,
    rightClipId: right.id,
    voterSessionId,
    servedAt: now,
    expiresAt: new Date(now.getTime() + BATTLE_TTL_MS),
  } as const;
  const battleId = await battles.create({ ...facts, token, lang: "en", category: null });
  served.remember(battleId, facts);
  return { battleId, expiresAt: facts.expiresAt.toISOString() };
}
