import type { Db } from "../db/client";
import type { ArenaCache } from "./arena-cache";
import { BattleWriter, type NewBattle } from "./battle-writer";
import { ServedBattles } from "./served-battles";
import { VoteWriter } from "./vote-writer";

/** Where the arena keeps battles and votes: the database, and what this process holds on the way. */
export interface ArenaStore {
  db: Db;
  /** The catalog and vote statistics the hot paths reuse (one per process, shared with the operator endpoints). */
  cache: ArenaCache;
  battles: BattleWriter;
  served: ServedBattles;
  votes: VoteWriter;
}

export function createArenaStore(db: Db, cache: ArenaCache): ArenaStore {
  return { db, cache, battles: new BattleWriter(db), served: new ServedBattles(), votes: new VoteWriter(db) };
}

/** Records a served battle and keeps it for its vote; settles with its id once it is committed. */
export async function recordBattle({ battles, served }: ArenaStore, battle: NewBattle): Promise<string> {
  const battleId = await battles.create(battle);
  served.remember(battleId, battle);
  return battleId;
}
