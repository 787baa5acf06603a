"use client";

import { type RefObject, useEffect, useState } from "react";

/**
 * The CSS zoom in effect on `ref`'s element (1 without zoom), following changes. CSS zoom scales
 * every length, viewport units included, so a cap such as `100svh - 18rem` would let a zoomed
 * element grow past the screen; dividing the viewport unit by this factor keeps it to the screen.
 * Read from `Element.currentCSSZoom` (CSSOM View; Chromium 128+, Firefox 126+, Safari 18.2+),
 * 1 where unsupported. A zoom set on the root changes the root's size in its own pixels, so a
 * ResizeObserver on it sees every change.
 */
export function useCssZoom(ref: RefObject<HTMLElement | null>): number {
  const [zoom, setZoom] = useState(1);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => {
      const current = (element as HTMLElement & { currentCSSZoom?: number }).currentCSSZoom;
      setZoom(typeof current === "number" && current > 0 ? current : 1);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(document.documentElement);
    return () => observer.disconnect();
  }, [ref]);
  return zoom;
}
