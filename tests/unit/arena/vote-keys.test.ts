import { describe, expect, test } from "vitest";
import { arenaKeyAction } from "@/components/arena/vote-keys";

const none = { altKey: false, ctrlKey: false, metaKey: false, shiftKey: false };

describe("arena keys", () => {
  test("digits vote in the order the buttons are shown; S skips, N moves on", () => {
    const keys = ["1", "=", "2", "3", "4", "s", "S", "N", "x"];
    expect(keys.map((key) => arenaKeyAction(key, none, null))).toEqual([
      { kind: "vote", outcome: "left" },
      { kind: "vote", outcome: "tie" },
      { kind: "vote", outcome: "tie" },
      { kind: "vote", outcome: "both_bad" },
      { kind: "vote", outcome: "right" },
      { kind: "skip" },
      { kind: "skip" },
      { kind: "next" },
      null,
    ]);
  });

  test("scroll keys never vote: ↓ on a short window scrolls to the buttons instead of casting 'both bad'", () => {
    for (const key of ["ArrowDown", "ArrowUp", "ArrowLeft", "ArrowRight", " ", "PageDown", "PageUp", "Home", "End"])
      expect(arenaKeyAction(key, none, null), key).toBeNull();
  });

  test("a focused button, link or summary does not take the keys", () => {
    for (const target of [{ tagName: "BUTTON" }, { tagName: "A" }, { tagName: "SUMMARY" }, { tagName: "BODY" }]) {
      expect(arenaKeyAction("4", none, target)).toEqual({ kind: "vote", outcome: "right" });
    }
  });

  test("controls, editable text, dialogs and modified keys keep their keys", () => {
    for (const target of [
      { tagName: "INPUT" },
      { tagName: "INPUT", type: "checkbox" },
      { tagName: "INPUT", type: "search" },
      { tagName: "INPUT", type: "radio" },
      { tagName: "TEXTAREA" },
      { tagName: "SELECT" },
      { tagName: "VIDEO" },
      { tagName: "DIV", role: "slider" },
      { tagName: "DIV", isContentEditable: true },
      { tagName: "BUTTON", inDialog: true },
    ]) {
      expect(arenaKeyAction("1", none, target), JSON.stringify(target)).toBeNull();
    }
    expect(arenaKeyAction("1", { ...none, altKey: true }, null)).toBeNull();
    expect(arenaKeyAction("1", { ...none, ctrlKey: true }, null)).toBeNull();
    expect(arenaKeyAction("1", { ...none, metaKey: true }, null)).toBeNull();
    expect(arenaKeyAction("!", { ...none, shiftKey: true }, null)).toBeNull();
    expect(arenaKeyAction("N", { ...none, shiftKey: true }, null)).toEqual({ kind: "next" });
  });
});
