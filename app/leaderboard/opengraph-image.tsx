import { ImageResponse } from "next/og";
import { getDb, getLeaderboardCache } from "@/lib/http/app-context";
import { readLeaderboard } from "@/lib/leaderboard/read-leaderboard";
import { formatInterval } from "@/lib/interval-text";

export const alt = "Clip Arena leaderboard";
export const size = { width: 1200, height: 630 };
export const contentType = "image/png";
export const dynamic = "force-dynamic";

/** The top of the overall leaderboard as a share card, drawn on the server from the latest snapshot. */
export default async function LeaderboardImage() {
  const { board } = await readLeaderboard(
    getLeaderboardCache(),
    getDb(),
    {
      category: "overall",
      method: "bt",
      cluster: "none",
      control: "none",
      lang: "",
      mode: "",
      period: "all",
      exclude: "",
    },
    [],
  );
  const top = board.rows.slice(0, 6);
  return new ImageResponse(
    <div
      style={{
        width: "100%",
        height: "100%",
        display: "flex",
        flexDirection: "column",
        background: "#0b1120",
        color: "#e5e9f0",
        padding: 56,
        fontSize: 32,
      }}
    >
      <div style={{ display: "flex", fontSize: 52, fontWeight: 700, marginBottom: 8 }}>Clip Arena leaderboard</div>
      <div style={{ display: "flex", color: "#a3b0c2", marginBottom: 32 }}>
        {board.votes} blind votes · Bradley-Terry · 95% intervals
      </div>
      {top.length === 0 ? (
        <div style={{ display: "flex", color: "#a3b0c2" }}>No votes yet</div>
      ) : (
        top.map((row) => (
          <div
            key={row.model}
            style={{
              display: "flex",
              justifyContent: "space-between",
              padding: "10px 0",
              borderBottom: "1px solid #27344d",
            }}
          >
            <div style={{ display: "flex" }}>
              <span style={{ width: 70, color: "#a5b4fc" }}>#{row.rank}</span>
              <span>{row.model}</span>
            </div>
            <div style={{ display: "flex", color: "#a3b0c2" }}>
              {row.ciLow !== null && row.ciHigh !== null ? (
                <>
                  <span style={{ color: "#e5e9f0", marginRight: 24 }}>{row.rating.toFixed(0)}</span>
                  {/* The page's own interval, +above / −below the rating: it is rarely symmetric. */}
                  {`+${(row.ciHigh - row.rating).toFixed(0)} / −${(row.rating - row.ciLow).toFixed(0)}`}
                </>
              ) : (
                // An open interval stands alone, in symbols any reader of the shared card can read.
                <span style={{ color: "#e5e9f0" }}>{formatInterval(row.ciLow, row.ciHigh, 0, "±∞")}</span>
              )}
            </div>
          </div>
        ))
      )}
    </div>,
    size,
  );
}
