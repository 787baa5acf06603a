import { QUAD_SIDES, type QuadSide } from "@/lib/arena/schemas";

/** What a key press asks the arena to do. */
export type ArenaKeyAction =
  { kind: "vote"; outcome: "left" | "right" | "tie" | "both_bad" } | { kind: "skip" } | { kind: "next" };

/** What a key press asks a quad battle (issue 32) to do: choose a best or worst clip, all bad, send, skip, next. */
export type QuadKeyAction =
  | { kind: "pick"; role: "best" | "worst"; side: QuadSide }
  | { kind: "all_bad" }
  | { kind: "submit" }
  | { kind: "skip" }
  | { kind: "next" };

/**
 * Only keys that mean nothing to the page: digits and letters. Arrows, Space, Page Up/Down, Home
 * and End scroll (on a short window the vote buttons may be off screen, and ↓ must scroll to
 * them, not cast "both bad"), so none of them votes.
 */
const ACTIONS: Record<string, ArenaKeyAction> = {
  "1": { kind: "vote", outcome: "left" },
  "=": { kind: "vote", outcome: "tie" },
  "2": { kind: "vote", outcome: "tie" },
  "3": { kind: "vote", outcome: "both_bad" },
  "4": { kind: "vote", outcome: "right" },
  s: { kind: "skip" },
  S: { kind: "skip" },
  n: { kind: "next" },
  N: { kind: "next" },
};

/** The aria-keyshortcuts of each vote button, in the order the buttons are shown. */
export const VOTE_SHORTCUTS = {
  left: "1",
  tie: "2 =",
  both_bad: "3",
  right: "4",
} as const;

/** Controls that take keys themselves: fields, lists, tick boxes, players. */
const CONTROLS = new Set(["INPUT", "TEXTAREA", "SELECT", "VIDEO", "AUDIO"]);
/** ARIA roles of widgets that take keys themselves. */
const CONTROL_ROLES = new Set([
  "textbox",
  "searchbox",
  "combobox",
  "listbox",
  "slider",
  "spinbutton",
  "menu",
  "grid",
  "tablist",
]);

/** The element a key press went to, as the key rules read it. */
export interface KeyTarget {
  tagName: string;
  type?: string;
  role?: string | null;
  isContentEditable?: boolean;
  inDialog?: boolean;
  /** Inside the quad's pick buttons: Enter there sends the vote instead of pressing the focused button again. */
  inQuadPicks?: boolean;
}

/** Whether the focused element takes keys itself (a field, a list, a tick box, a player, editable text, an open dialog). */
function takesKeys(target: KeyTarget | null): boolean {
  if (!target) return false;
  if (target.inDialog || target.isContentEditable || CONTROLS.has(target.tagName)) return true;
  return Boolean(target.role && CONTROL_ROLES.has(target.role));
}

/**
 * The arena action for a key press, or null. Only an unmodified key (no Alt, Ctrl, Meta or Shift)
 * that is not a scroll key acts, and never while focus is in a control that takes keys (a field,
 * a list, a failure-tag checkbox, a player, editable text, an open dialog): there the key is the
 * control's. A focused button or link does not take digits, so keys work after clicking one.
 */
export function arenaKeyAction(
  key: string,
  modifiers: { altKey: boolean; ctrlKey: boolean; metaKey: boolean; shiftKey?: boolean },
  target: KeyTarget | null,
): ArenaKeyAction | null {
  if (modifiers.altKey || modifiers.ctrlKey || modifiers.metaKey) return null;
  // Shift with a letter is still the letter (S, N); with anything else it means another key.
  if (modifiers.shiftKey && !/^[SN]$/.test(key)) return null;
  if (takesKeys(target)) return null;
  return ACTIONS[key] ?? null;
}

/**
 * The quad action for a key press (issue 32), or null: 1–4 choose clip A–D as the best, Shift+1–4
 * as the worst, 0 says all four are bad, Enter sends the chosen best and worst, S skips, N moves
 * on. The digit is read from the physical key (`code`), since Shift+1 types "!" on one keyboard
 * and "+" on another. The same rules as arenaKeyAction otherwise; Enter acts only where it would
 * press nothing else (the page, or the pick buttons themselves), so a focused link or button keeps it.
 */
export function quadKeyAction(
  press: { key: string; code: string; altKey: boolean; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean },
  target: KeyTarget | null,
): QuadKeyAction | null {
  if (press.altKey || press.ctrlKey || press.metaKey || takesKeys(target)) return null;
  const digit = /^(?:Digit|Numpad)([0-4])$/.exec(press.code)?.[1];
  if (digit === "0") return press.shiftKey ? null : { kind: "all_bad" };
  if (digit)
    return { kind: "pick", role: press.shiftKey ? "worst" : "best", side: QUAD_SIDES[Number(digit) - 1] as QuadSide };
  if (press.key === "Enter" && !press.shiftKey) {
    const pressesSomething = target !== null && ["A", "BUTTON", "SUMMARY"].includes(target.tagName);
    return pressesSomething && !target?.inQuadPicks ? null : { kind: "submit" };
  }
  const action = ACTIONS[press.key];
  return action && action.kind !== "vote" ? action : null;
}
