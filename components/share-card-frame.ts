import type { CSSProperties } from "react";

/** The frame of every share card (next/og, 1200×630): dark ground, light text, one padding. */
export const SHARE_CARD_FRAME: CSSProperties = {
  width: "100%",
  height: "100%",
  display: "flex",
  flexDirection: "column",
  background: "#0b1120",
  color: "#e5e9f0",
  padding: 56,
  fontSize: 32,
};
