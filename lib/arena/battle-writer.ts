import type { Db } from "../db/client";
import { GroupCommit } from "../db/group-commit";
import { insertRowsSql, newRowId } from "../db/insert-rows-sql";
import { type Battle, Prisma } from "../generated/sqlite/client";

/** A battle to record. */
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
  | "withSound"
  | "checkTwinSide"
  | "checkTwinId"
  | "size"
  | "clipCId"
  | "clipDId"
>;

type StoredBattle = NewBattle & { id: string };

const BATTLE_COLUMNS = [
  "id",
  "token",
  "kind",
  "promptId",
  "leftClipId",
  "rightClipId",
  "voterSessionId",
  "lang",
  "category",
  "servedAt",
  "expiresAt",
  "withSound",
  "checkTwinSide",
  "checkTwinId",
  "size",
  "clipCId",
  "clipDId",
] as const satisfies readonly (keyof StoredBattle)[];

/** Most battles one statement writes: 17 bound values each stays far below either engine's limit. */
const MAX_GROUP = 256;

/**
 * Records served battles with group commit (lib/db/group-commit.ts): the battles served in one
 * event-loop turn are one INSERT. `create` settles with the battle's id once it is committed, so
 * a battle is never handed out before its row exists.
 */
export class BattleWriter {
  readonly #group: GroupCommit<StoredBattle, string>;

  constructor(db: Db) {
    this.#group = new GroupCommit(async (battles) => {
      await db.$executeRaw(Prisma.sql`INSERT INTO "Battle" ${insertRowsSql(BATTLE_COLUMNS, battles)}`);
      return battles.map((battle) => battle.id);
    }, MAX_GROUP);
  }

  create(battle: NewBattle): Promise<string> {
    return this.#group.submit({ ...battle, id: newRowId() });
  }
}
