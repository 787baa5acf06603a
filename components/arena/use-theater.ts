"use client";

import { type RefObject, useEffect, useRef, useState } from "react";

/** Scrolls the swipe row so clip `index` fills it (instantly: a smooth scroll would fight a swipe). */
function scrollRowTo(row: HTMLElement | null, index: number) {
  row?.scrollTo({ left: index * row.clientWidth, behavior: "instant" });
}

/**
 * Full-screen viewing of the clips in place: the player's own element is pinned over the page
 * (and put in the browser's full screen where allowed), its clips become a row the voter swipes
 * through, one clip per screen. The video elements are never copied or remounted, so the clips
 * keep playing in sync while the voter moves between them.
 */
export function useTheater(root: RefObject<HTMLDivElement | null>, grid: RefObject<HTMLDivElement | null>) {
  const [open, setOpen] = useState(false);
  const [shown, setShown] = useState(0);
  /** The clip whose "full screen" button opened the player: focus returns to it on leaving. */
  const opener = useRef<number | null>(null);
  const shownNow = useRef(0);

  const show = (index: number) => {
    shownNow.current = index;
    setShown(index);
    scrollRowTo(grid.current, index);
  };

  const enter = (index: number) => {
    opener.current = index;
    shownNow.current = index;
    setShown(index);
    setOpen(true);
    // Where the browser allows it (not an iPhone's Safari), the real full screen hides its bars too.
    void root.current?.requestFullscreen?.({ navigationUI: "hide" }).catch(() => {});
  };

  const leave = () => {
    setOpen(false);
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => {});
  };

  // Closed: focus goes back to the button that opened it (rendered again now the player is inline).
  useEffect(() => {
    if (open || opener.current === null) return;
    root.current?.querySelector<HTMLElement>(`[data-enlarge="${opener.current}"]`)?.focus({ preventScroll: true });
    opener.current = null;
  }, [open, root]);

  // Opened: show the chosen clip and move focus into the player; leaving the browser's full screen
  // (its own Esc) closes it as well, and a rotation keeps the same clip in view.
  useEffect(() => {
    if (!open) return;
    const row = grid.current;
    scrollRowTo(row, shownNow.current);
    root.current?.querySelector<HTMLElement>("[data-theater-close]")?.focus({ preventScroll: true });
    const onFullscreen = () => {
      if (!document.fullscreenElement) setOpen(false);
    };
    const onResize = () => scrollRowTo(row, shownNow.current);
    document.addEventListener("fullscreenchange", onFullscreen);
    window.addEventListener("resize", onResize);
    return () => {
      document.removeEventListener("fullscreenchange", onFullscreen);
      window.removeEventListener("resize", onResize);
    };
  }, [open, grid, root]);

  /** After a swipe: which clip fills the screen now. */
  const onScroll = () => {
    const row = grid.current;
    if (!open || !row || row.clientWidth === 0) return;
    const index = Math.round(row.scrollLeft / row.clientWidth);
    shownNow.current = index;
    setShown(index);
  };

  /** Keys inside the full-screen player: arrows move between clips, Esc leaves, Tab stays inside. */
  const onKeyDown = (event: React.KeyboardEvent, count: number) => {
    if (!open) return;
    if (event.key === "Escape") leave();
    else if (event.key === "ArrowLeft") show(Math.max(0, shown - 1));
    else if (event.key === "ArrowRight") show(Math.min(count - 1, shown + 1));
    else if (event.key === "Tab") {
      const focusable = [
        ...(root.current?.querySelectorAll<HTMLElement>("button:not([disabled]), a[href]") ?? []),
      ].filter((element) => element.offsetParent !== null);
      const first = focusable[0];
      const last = focusable[focusable.length - 1];
      if (event.shiftKey && document.activeElement === first) last?.focus();
      else if (!event.shiftKey && document.activeElement === last) first?.focus();
      else return;
    } else return;
    event.preventDefault();
    event.stopPropagation();
  };

  return { open, shown, enter, leave, show, onScroll, onKeyDown };
}
