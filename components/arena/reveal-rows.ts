import type { QuadVoteResponse, VoteResponse } from "@/lib/arena/schemas";
import type { SideKey } from "./battle-sides";
import type { QuadPicks } from "./quad-picks";

/** What the reveal says of a clip besides its model: the voter's choice, or a check's degraded copy. */
export type RevealMark = "yourPick" | "best" | "worst" | "degraded";

/** One clip's line on the reveal, in shown order. */
export interface RevealRow {
  side: SideKey;
  model: { slug: string; name: string; placeholderOnly: boolean };
  heldLastFrameMs: number;
  marks: RevealMark[];
}

/** The reveal's closing sentence: a key under `arena` with its values. */
export interface RevealNote {
  key: "thanks" | "thanksFlagged" | "checkPassed" | "checkFailed";
  values?: { side: string };
}

export interface Reveal {
  rows: RevealRow[];
  note: RevealNote;
}

/** A pair's reveal: both models, the voter's pick, on a check battle the degraded side and whether the vote passed. */
export function pairReveal(result: VoteResponse, outcome: string): Reveal {
  const rows = (["left", "right"] as const).map((side) => ({
    side,
    model: result.models[side],
    heldLastFrameMs: result.heldLastFrameMs[side],
    marks: [
      ...(outcome === side ? (["yourPick"] as const) : []),
      ...(result.check?.degradedSide === side ? (["degraded"] as const) : []),
    ],
  }));
  const note: RevealNote = result.check
    ? {
        key: result.check.passed ? "checkPassed" : "checkFailed",
        values: { side: result.check.degradedSide === "left" ? "A" : "B" },
      }
    : { key: result.flagged ? "thanksFlagged" : "thanks" };
  return { rows, note };
}

/** A quad's reveal (issue 32): all four models in shown order, the voter's best and worst marked (none when all bad). */
export function quadReveal(result: QuadVoteResponse, picks: QuadPicks | null): Reveal {
  const rows = result.models.map(({ side, heldLastFrameMs, ...model }) => ({
    side,
    model,
    heldLastFrameMs,
    marks: [
      ...(picks?.best === side ? (["best"] as const) : []),
      ...(picks?.worst === side ? (["worst"] as const) : []),
    ],
  }));
  return { rows, note: { key: result.flagged ? "thanksFlagged" : "thanks" } };
}
