import { ImageResponse } from "next/og";

export const size = { width: 180, height: 180 };
export const contentType = "image/png";

/** The home-screen icon (iOS needs a PNG): the brand mark of app/icon.svg, drawn once at build. */
export default function AppleIcon() {
  return new ImageResponse(
    <div
      style={{
        width: "100%",
        height: "100%",
        display: "flex",
        alignItems: "center",
        justifyContent: "center",
        background: "#4338ca",
      }}
    >
      <svg width="180" height="180" viewBox="0 0 32 32">
        <path d="M5.8 9.6 14.7 16 5.8 22.4Z" fill="#fff" />
        <path d="M26.2 9.6 17.3 16 26.2 22.4Z" fill="#fff" fillOpacity="0.7" />
      </svg>
    </div>,
    size,
  );
}
