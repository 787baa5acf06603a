/** What a key press asks the arena to do. */
export type ArenaKeyAction =
  { kind: "vote"; outcome: "left" | "right" | "tie" | "both_bad" } | { kind: "skip" } | { kind: "next" };

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

/**
 * The arena action for a key press, or null. Only an unmodified key (no Alt, Ctrl, Meta or Shift)
 * that is not a scroll key acts, and never while focus is in a control that takes keys (a field,
 * a list, a failure-tag checkbox, a player, editable text, an open dialog): there the key is the
 * control's. A focused button or link does not take digits, so keys work after clicking one.
 */
export function arenaKeyAction(
  key: string,
  modifiers: { altKey: boolean; ctrlKey: boolean; metaKey: boolean; shiftKey?: boolean },
  target: {
    tagName: string;
    type?: string;
    role?: string | null;
    isContentEditable?: boolean;
    inDialog?: boolean;
  } | null,
): ArenaKeyAction | null {
  if (modifiers.altKey || modifiers.ctrlKey || modifiers.metaKey) return null;
  // Shift with a letter is still the letter (S, N); with anything else it means another key.
  if (modifiers.shiftKey && !/^[SN]$/.test(key)) return null;
  if (target) {
    if (target.inDialog || target.isContentEditable || CONTROLS.has(target.tagName)) return null;
    if (target.role && CONTROL_ROLES.has(target.role)) return null;
  }
  return ACTIONS[key] ?? null;
}
