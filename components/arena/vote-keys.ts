/** What a key press asks the arena to do. */
export type ArenaKeyAction =
  { kind: "vote"; outcome: "left" | "right" | "tie" | "both_bad" } | { kind: "skip" } | { kind: "next" };

const ACTIONS: Record<string, ArenaKeyAction> = {
  ArrowLeft: { kind: "vote", outcome: "left" },
  "1": { kind: "vote", outcome: "left" },
  ArrowUp: { kind: "vote", outcome: "tie" },
  "=": { kind: "vote", outcome: "tie" },
  "2": { kind: "vote", outcome: "tie" },
  ArrowDown: { kind: "vote", outcome: "both_bad" },
  "3": { kind: "vote", outcome: "both_bad" },
  ArrowRight: { kind: "vote", outcome: "right" },
  "4": { kind: "vote", outcome: "right" },
  s: { kind: "skip" },
  S: { kind: "skip" },
  n: { kind: "next" },
  N: { kind: "next" },
};

/** The aria-keyshortcuts of each vote button, in the order the buttons are shown. */
export const VOTE_SHORTCUTS = {
  left: "ArrowLeft 1",
  tie: "ArrowUp = 2",
  both_bad: "ArrowDown 3",
  right: "ArrowRight 4",
} as const;

/** Elements that use these keys themselves: typing in a field, choosing in a list. */
const KEY_CONSUMERS = new Set(["TEXTAREA", "SELECT"]);
const TEXT_LIKE_INPUTS = new Set(["text", "search", "email", "url", "tel", "number", "password", "range", "radio"]);

/**
 * The arena action for a key press, or null. Keys go to the arena from anywhere except where the
 * focused element needs them: text fields, lists, radio groups, sliders, open dialogs. A focused
 * checkbox (a failure tag) does not use arrows or digits — Space toggles it — so voting by key
 * still works right after ticking a tag.
 */
export function arenaKeyAction(
  key: string,
  modifiers: { altKey: boolean; ctrlKey: boolean; metaKey: boolean },
  target: { tagName: string; type?: string; isContentEditable?: boolean; inDialog?: boolean } | null,
): ArenaKeyAction | null {
  if (modifiers.altKey || modifiers.ctrlKey || modifiers.metaKey) return null;
  if (target) {
    if (target.inDialog || target.isContentEditable || KEY_CONSUMERS.has(target.tagName)) return null;
    if (target.tagName === "INPUT" && TEXT_LIKE_INPUTS.has((target.type ?? "text").toLowerCase())) return null;
  }
  return ACTIONS[key] ?? null;
}
