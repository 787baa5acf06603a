import { describe, expect, test } from "vitest";
import { arenaKeyAction } from "@/components/arena/vote-keys";

const none = { altKey: false, ctrlKey: false, metaKey: false };

describe("arena keys", () => {
  test("arrows and digits vote in the order the buttons are shown; S skips, N moves on", () => {
    const keys = ["ArrowLeft", "1", "ArrowUp", "=", "2", "ArrowDown", "3", "ArrowRight", "4", "s", "N", "x"];
    expect(keys.map((key) => arenaKeyAction(key, none, null))).toEqual([
      { kind: "vote", outcome: "left" },
      { kind: "vote", outcome: "left" },
      { kind: "vote", outcome: "tie" },
      { kind: "vote", outcome: "tie" },
      { kind: "vote", outcome: "tie" },
      { kind: "vote", outcome: "both_bad" },
      { kind: "vote", outcome: "both_bad" },
      { kind: "vote", outcome: "right" },
      { kind: "vote", outcome: "right" },
      { kind: "skip" },
      { kind: "next" },
      null,
    ]);
  });

  test("a focused failure-tag checkbox, button or summary does not swallow the keys", () => {
    for (const target of [
      { tagName: "INPUT", type: "checkbox" },
      { tagName: "BUTTON" },
      { tagName: "SUMMARY" },
      { tagName: "BODY" },
    ]) {
      expect(arenaKeyAction("ArrowRight", none, target)).toEqual({ kind: "vote", outcome: "right" });
    }
  });

  test("fields, lists, radios, editable text, dialogs and modified keys keep their keys", () => {
    for (const target of [
      { tagName: "INPUT" },
      { tagName: "INPUT", type: "search" },
      { tagName: "INPUT", type: "radio" },
      { tagName: "TEXTAREA" },
      { tagName: "SELECT" },
      { tagName: "DIV", isContentEditable: true },
      { tagName: "BUTTON", inDialog: true },
    ]) {
      expect(arenaKeyAction("ArrowLeft", none, target)).toBeNull();
    }
    expect(arenaKeyAction("ArrowLeft", { ...none, altKey: true }, null)).toBeNull();
    expect(arenaKeyAction("1", { ...none, ctrlKey: true }, null)).toBeNull();
  });
});
