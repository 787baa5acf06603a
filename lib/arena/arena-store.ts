import type { Db } from "../db/client";
import { BattleWriter } from "./battle-writer";
import { ServedBattles } from "./served-battles";
import { VoteWriter } from "./vote-writer";

/** Where the arena keeps battles and votes: the database, and what this process holds on the way. */
export interface ArenaStore {
  db: Db;
  battles: BattleWriter;
  served: ServedBattles;
  votes: VoteWriter;
}

export function createArenaStore(db: Db): ArenaStore {
  return { db, battles: new BattleWriter(db), served: new ServedBattles(), votes: new VoteWriter(db) };
}
