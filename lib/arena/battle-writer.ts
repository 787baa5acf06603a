import type { Db } from "../db/client";
import { GroupCommit } from "../db/group-commit";
import type { Battle } from "../generated/sqlite/client";

/** A battle to record; its id is given by Prisma. */
export type NewBattle = Pick<
  Battle,
  | "token"
  | "kind"
  | "promptId"
  | "leftClipId"
  | "rightClipId"
  | "voterSessionId"
  | "lang"
  | "category"
  | "servedAt"
  | "expiresAt"
>;

/** Most battles one statement writes: 11 bound values each stays far below either engine's limit. */
const MAX_GROUP = 256;

/**
 * Records served battles with group commit (lib/db/group-commit.ts): the battles served in one
 * event-loop turn are one INSERT. `create` settles with the battle's id once it is committed, so
 * a battle is never handed out before its row exists.
 */
export class BattleWriter {
  readonly #group: GroupCommit<NewBattle, string>;

  constructor(db: Db) {
    this.#group = new GroupCommit(async (battles) => {
      const rows = await db.battle.createManyAndReturn({ data: battles, select: { id: true, token: true } });
      // RETURNING promises no order; the unique token pairs each row with its battle.
      const idByToken = new Map(rows.map((row) => [row.token, row.id]));
      return battles.map((battle) => idByToken.get(battle.token) as string);
    }, MAX_GROUP);
  }

  create(battle: NewBattle): Promise<string> {
    return this.#group.submit(battle);
  }
}
