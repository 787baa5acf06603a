import type { BattleResponse, QuadBattleResponse, QuadSide } from "@/lib/arena/schemas";
import { QUAD_SIDES } from "@/lib/arena/schemas";

/** A pair's sides (left is clip A, right is clip B). */
export type PairSide = "left" | "right";
/** A clip's side in either kind of battle: a pair's left or right, a quad's a to d (issue 32). */
export type SideKey = PairSide | QuadSide;

/** A battle as POST /api/battles answers it: a pair, or a quad (`size: 4`). */
export type AnyBattle = BattleResponse | QuadBattleResponse;

/** Whether the battle shows four clips. */
export function isQuad(battle: AnyBattle): battle is QuadBattleResponse {
  return "size" in battle && battle.size === 4;
}

/** One clip as the arena shows it: its side, its letter (A, B, …) and its opaque URL. */
export interface ShownClip {
  side: SideKey;
  label: string;
  clipUrl: string;
}

/** The clips of a battle in shown order, lettered A, B (a pair) or A to D (a quad). */
export function shownClips(battle: AnyBattle): ShownClip[] {
  if (isQuad(battle))
    return QUAD_SIDES.map((side) => ({ side, label: side.toUpperCase(), clipUrl: battle.sides[side].clipUrl }));
  return [
    { side: "left", label: "A", clipUrl: battle.left.clipUrl },
    { side: "right", label: "B", clipUrl: battle.right.clipUrl },
  ];
}

/** The letter shown for a side: A, B, C or D. */
export function sideLabel(side: SideKey): string {
  return side === "left" ? "A" : side === "right" ? "B" : side.toUpperCase();
}
