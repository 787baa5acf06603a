import { ImageResponse } from "next/og";
import { SHARE_CARD_FRAME } from "@/components/share-card-frame";
import { getModelProfile } from "@/lib/catalog/model-profile";
import { getDb, getLatestSnapshot } from "@/lib/http/app-context";
import { errorResponse } from "@/lib/http/errors";
import { modelCardLines } from "@/lib/leaderboard/share-card";

export const dynamic = "force-dynamic";

const SIZE = { width: 1200, height: 630 };

/**
 * GET /models/<slug>/card?lang=en|zh — a model's share card (1200×630 PNG): its name and, per
 * category from the latest snapshot, rating, 95% interval, rank (UB) and votes. 404 for an unknown
 * model. next/og bundles a Latin font only and the app ships no CJK font, so both languages draw
 * the same ASCII labels; names and numbers read the same in either.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  const { slug } = await params;
  const db = getDb();
  const profile = await getModelProfile(db, slug, await getLatestSnapshot(db));
  if (!profile) {
    return errorResponse(404, "not_found", `No model "${slug}".`);
  }
  const lines = modelCardLines(profile.ratings);
  const cell = { display: "flex", justifyContent: "flex-end", width: 170 } as const;
  return new ImageResponse(
    <div style={SHARE_CARD_FRAME}>
      <div style={{ display: "flex", fontSize: 56, fontWeight: 700 }}>{profile.name}</div>
      <div style={{ display: "flex", color: "#a3b0c2", marginBottom: 28 }}>
        {`Clip Arena · ${profile.organisation}`}
      </div>
      {lines.length === 0 ? (
        <div style={{ display: "flex", color: "#a3b0c2" }}>No votes yet</div>
      ) : (
        <div style={{ display: "flex", flexDirection: "column" }}>
          <div style={{ display: "flex", color: "#a3b0c2", fontSize: 24, paddingBottom: 6 }}>
            <span style={{ display: "flex", flexGrow: 1 }}>category</span>
            <span style={cell}>rating</span>
            <span style={{ ...cell, width: 260 }}>95% CI</span>
            <span style={cell}>rank</span>
            <span style={cell}>votes</span>
          </div>
          {lines.map((line) => (
            <div key={line.category} style={{ display: "flex", padding: "10px 0", borderTop: "1px solid #27344d" }}>
              <span style={{ display: "flex", flexGrow: 1 }}>{line.category}</span>
              <span style={cell}>{line.rating}</span>
              <span style={{ ...cell, width: 260, color: "#a3b0c2" }}>{line.interval}</span>
              <span style={{ ...cell, color: "#a5b4fc" }}>{`#${line.rank}`}</span>
              <span style={cell}>{line.votes}</span>
            </div>
          ))}
        </div>
      )}
    </div>,
    { ...SIZE, headers: { "Cache-Control": "public, max-age=300" } },
  );
}
