import { ImageResponse } from "next/og";
import { SHARE_CARD_FRAME } from "@/components/share-card-frame";
import { cardCategoryName, cardTranslator } from "@/components/share-card-text";
import { getCardFonts, getDb, getLeaderboardCache, listCategoriesCached } from "@/lib/http/app-context";
import { drawableOr } from "@/lib/leaderboard/card-font";
import { readLeaderboard } from "@/lib/leaderboard/read-leaderboard";
import { cardLines, chooseCard } from "@/lib/leaderboard/share-card";
import { DEFAULT_CLUSTER } from "@/lib/ratings/cluster-resample";

export const dynamic = "force-dynamic";

const SIZE = { width: 1200, height: 630 };

/**
 * GET /leaderboard/card?category=<slug>&lang=en|zh — the leaderboard's share card (1200×630 PNG),
 * drawn from the latest snapshot of that category's Bradley-Terry board (lib/leaderboard/share-card.ts),
 * labelled in the card's language. An unknown category draws the overall board, as the page shows
 * it. Text is drawn with the bundled Noto Sans SC subset (lib/leaderboard/card-font.ts); a model
 * name with a character outside it is drawn as the model's slug.
 */
export async function GET(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const db = getDb();
  const [categories, fonts] = await Promise.all([listCategoriesCached(db), getCardFonts()]);
  const choice = chooseCard(
    { category: url.searchParams.get("category") ?? undefined, lang: url.searchParams.get("lang") ?? undefined },
    categories.map((c) => c.slug),
  );
  const { board } = await readLeaderboard(
    getLeaderboardCache(),
    db,
    {
      category: choice.category,
      method: "bt",
      cluster: DEFAULT_CLUSTER,
      control: "none",
      lang: "",
      mode: "",
      period: "all",
      exclude: "",
      votesFrom: "both",
    },
    categories.map((c) => c.slug),
  );
  const t = cardTranslator(choice.lang);
  // Five lines leave room for the provisional legend on a 630-px card.
  const lines = cardLines(board.rows, 5);
  const slugs = new Map(board.rows.map((row) => [row.model, row.slug]));
  const title =
    choice.category === "overall"
      ? t("leaderboardTitle")
      : t("categoryTitle", { category: cardCategoryName(choice.category, choice.lang, categories, fonts) });
  return new ImageResponse(
    <div style={SHARE_CARD_FRAME}>
      <div style={{ display: "flex", fontSize: 52, fontWeight: 700, marginBottom: 8 }}>{title}</div>
      <div style={{ display: "flex", color: "#a3b0c2", marginBottom: 32 }}>{t("summary", { votes: board.votes })}</div>
      {lines.length === 0 ? (
        <div style={{ display: "flex", color: "#a3b0c2" }}>{t("noVotes")}</div>
      ) : (
        lines.map((line) => (
          <div
            key={line.model}
            style={{
              display: "flex",
              justifyContent: "space-between",
              padding: "10px 0",
              borderBottom: "1px solid #27344d",
              color: line.provisional ? "#a3b0c2" : "#e5e9f0",
            }}
          >
            <div style={{ display: "flex" }}>
              {/* A provisional row has no rank among the established ones: "*" as the page's section says. */}
              <span style={{ width: 70, color: "#a5b4fc" }}>{line.provisional ? "*" : `#${line.rank}`}</span>
              <span>{drawableOr(fonts, line.model, slugs.get(line.model) || line.model)}</span>
            </div>
            <div style={{ display: "flex" }}>
              <span style={{ marginRight: 24 }}>{line.rating}</span>
              <span style={{ color: "#a3b0c2" }}>{line.interval}</span>
            </div>
          </div>
        ))
      )}
      {lines.some((line) => line.provisional) ? (
        <div style={{ display: "flex", color: "#a3b0c2", fontSize: 24, marginTop: 16 }}>{t("provisional")}</div>
      ) : null}
    </div>,
    { ...SIZE, fonts: fonts.fonts, headers: { "Cache-Control": "public, max-age=300" } },
  );
}
