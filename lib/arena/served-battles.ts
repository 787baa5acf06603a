import type { Battle, Prisma } from "../generated/sqlite/client";

/** The columns a vote needs from its battle. A battle row never changes once served. */
export const SERVED_BATTLE_COLUMNS = {
  kind: true,
  promptId: true,
  voterSessionId: true,
  servedAt: true,
  expiresAt: true,
  leftClipId: true,
  rightClipId: true,
  /** Set on a check battle: the side that played the degraded twin (lib/arena/check-battles.ts). */
  checkTwinSide: true,
  /** 2 for a pair, 4 for a quad (issue 32), whose sides c and d are these clips. */
  size: true,
  clipCId: true,
  clipDId: true,
} as const satisfies Prisma.BattleSelect;

export type ServedBattle = Pick<Battle, keyof typeof SERVED_BATTLE_COLUMNS>;

/**
 * About 26 MB at most (some 500 bytes a battle). At a few battles a second that is every battle
 * still open; at a thousand a second it is the last fifty seconds, when most votes on short clips
 * arrive.
 */
const DEFAULT_CAPACITY = 50_000;

/**
 * The battles this process served that still await their vote, so that the usual vote (on the
 * instance that served its battle, within the hour) needs no read. A vote for a battle that is not
 * here (served by another instance, before a restart, or pushed out) reads the row instead; the
 * oldest battles are the first to go.
 */
export class ServedBattles {
  readonly #byId = new Map<string, ServedBattle>();

  constructor(private readonly capacity = DEFAULT_CAPACITY) {}

  remember(battleId: string, battle: ServedBattle): void {
    if (this.#byId.size >= this.capacity) {
      const oldest = this.#byId.keys().next().value;
      if (oldest !== undefined) this.#byId.delete(oldest);
    }
    this.#byId.set(battleId, battle);
  }

  get(battleId: string): ServedBattle | undefined {
    return this.#byId.get(battleId);
  }

  /** Forgets a battle once it has its vote or has expired. */
  forget(battleId: string): void {
    this.#byId.delete(battleId);
  }
}
