import { describe, expect, test } from "vitest";
import { arenaHref, parseArenaSize, servedArenaSize } from "@/components/arena/arena-size";
import { NO_PICKS, pickQuad, quadVoteOf } from "@/components/arena/quad-picks";
import { quadKeyAction } from "@/components/arena/vote-keys";

const press = (code: string, key: string, shiftKey = false) => ({
  code,
  key,
  shiftKey,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
});

describe("quad picks (issue 32)", () => {
  test("best and worst are chosen, changed and taken back; a vote needs both", () => {
    let picks = pickQuad(NO_PICKS, "best", "b").picks;
    expect(quadVoteOf(picks)).toBeNull();
    picks = pickQuad(picks, "worst", "d").picks;
    expect(quadVoteOf(picks)).toEqual({ best: "b", worst: "d" });
    picks = pickQuad(picks, "best", "a").picks;
    expect(picks).toEqual({ best: "a", worst: "d" });
    expect(pickQuad(picks, "worst", "d").picks).toEqual({ best: "a", worst: null });
  });

  test("one clip as both the best and the worst is refused, keeping the choices made", () => {
    const picks = { best: "c", worst: "a" } as const;
    expect(pickQuad(picks, "worst", "c")).toEqual({ picks, refused: true });
    expect(pickQuad(picks, "best", "a")).toEqual({ picks, refused: true });
    expect(quadVoteOf({ best: "c", worst: "c" })).toBeNull();
  });
});

describe("quad keys", () => {
  test("1–4 choose the best, Shift+1–4 the worst whatever the layout types, 0 all bad, Enter sends", () => {
    expect(quadKeyAction(press("Digit1", "1"), null)).toEqual({ kind: "pick", role: "best", side: "a" });
    expect(quadKeyAction(press("Numpad4", "4"), null)).toEqual({ kind: "pick", role: "best", side: "d" });
    // Shift+2 types "@" on a US keyboard and '"' on a German one: the physical key decides.
    for (const key of ["@", '"'])
      expect(quadKeyAction(press("Digit2", key, true), null)).toEqual({ kind: "pick", role: "worst", side: "b" });
    expect(quadKeyAction(press("Digit0", "0"), null)).toEqual({ kind: "all_bad" });
    expect(quadKeyAction(press("Digit5", "5"), null)).toBeNull();
    expect(quadKeyAction(press("Enter", "Enter"), null)).toEqual({ kind: "submit" });
    expect(quadKeyAction(press("KeyS", "s"), null)).toEqual({ kind: "skip" });
    expect(quadKeyAction(press("KeyN", "N", true), null)).toEqual({ kind: "next" });
    // The pair's outcomes are not quad keys.
    expect(quadKeyAction(press("Equal", "="), null)).toBeNull();
  });

  test("Enter on a focused link or button keeps its own meaning, except on the pick buttons", () => {
    expect(quadKeyAction(press("Enter", "Enter"), { tagName: "A" })).toBeNull();
    expect(quadKeyAction(press("Enter", "Enter"), { tagName: "BUTTON" })).toBeNull();
    expect(quadKeyAction(press("Enter", "Enter"), { tagName: "BUTTON", inQuadPicks: true })).toEqual({
      kind: "submit",
    });
    expect(quadKeyAction(press("Enter", "Enter"), { tagName: "BODY" })).toEqual({ kind: "submit" });
  });

  test("fields, tick boxes, dialogs and modified keys keep their keys", () => {
    for (const target of [
      { tagName: "INPUT", type: "checkbox" },
      { tagName: "TEXTAREA" },
      { tagName: "DIV", inDialog: true },
    ])
      expect(quadKeyAction(press("Digit1", "1"), target)).toBeNull();
    expect(quadKeyAction({ ...press("Digit1", "1"), ctrlKey: true }, null)).toBeNull();
  });
});

describe("arena size", () => {
  test("the address or the cookie chooses; four only where quads can be served", () => {
    expect(parseArenaSize("4")).toBe(4);
    expect(parseArenaSize("2")).toBe(2);
    expect(parseArenaSize(["4"])).toBeUndefined();
    expect(parseArenaSize("3")).toBeUndefined();
    expect(servedArenaSize(4, true)).toBe(4);
    expect(servedArenaSize(4, false)).toBe(2);
    expect(servedArenaSize(undefined, true)).toBe(2);
  });

  test("links name the size when given", () => {
    expect(arenaHref(undefined)).toBe("/arena");
    expect(arenaHref("dance", 4)).toBe("/arena?category=dance&size=4");
    expect(arenaHref(undefined, 2)).toBe("/arena?size=2");
  });
});
