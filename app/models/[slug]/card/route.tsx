import { ImageResponse } from "next/og";
import { SHARE_CARD_FRAME } from "@/components/share-card-frame";
import { cardCategoryName, cardTranslator } from "@/components/share-card-text";
import { getModelProfile } from "@/lib/catalog/model-profile";
import { getCardFonts, getDb, getLatestSnapshot, listCategoriesCached } from "@/lib/http/app-context";
import { errorResponse } from "@/lib/http/errors";
import { drawableOr } from "@/lib/leaderboard/card-font";
import { modelCardLines } from "@/lib/leaderboard/share-card";

export const dynamic = "force-dynamic";

const SIZE = { width: 1200, height: 630 };

/**
 * GET /models/<slug>/card?lang=en|zh — a model's share card (1200×630 PNG): its name and, per
 * category from the latest snapshot, rating, 95% interval, rank (UB) and votes, labelled in the
 * card's language (anything but "zh" is English). 404 for an unknown model. Text is drawn with the
 * bundled Noto Sans SC subset (lib/leaderboard/card-font.ts); a model name with a character outside
 * it is drawn as the model's slug, an organisation then is left out.
 */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  const { slug } = await params;
  const lang = new URL(request.url).searchParams.get("lang") === "zh" ? "zh" : "en";
  const db = getDb();
  const [profile, categories, fonts] = await Promise.all([
    getLatestSnapshot(db).then((snapshot) => getModelProfile(db, slug, snapshot)),
    listCategoriesCached(db),
    getCardFonts(),
  ]);
  if (!profile) {
    return errorResponse(404, "not_found", `No model "${slug}".`);
  }
  const t = cardTranslator(lang);
  const lines = modelCardLines(profile.ratings);
  const cell = { display: "flex", justifyContent: "flex-end", width: 170 } as const;
  const organisation = drawableOr(fonts, profile.organisation, "");
  return new ImageResponse(
    <div style={SHARE_CARD_FRAME}>
      <div style={{ display: "flex", fontSize: 56, fontWeight: 700 }}>
        {drawableOr(fonts, profile.name, profile.slug)}
      </div>
      <div style={{ display: "flex", color: "#a3b0c2", marginBottom: 28 }}>
        {organisation ? t("modelSubtitle", { organisation }) : "Clip Arena"}
      </div>
      {lines.length === 0 ? (
        <div style={{ display: "flex", color: "#a3b0c2" }}>{t("noVotes")}</div>
      ) : (
        <div style={{ display: "flex", flexDirection: "column" }}>
          <div style={{ display: "flex", color: "#a3b0c2", fontSize: 24, paddingBottom: 6 }}>
            <span style={{ display: "flex", flexGrow: 1 }}>{t("category")}</span>
            <span style={cell}>{t("rating")}</span>
            <span style={{ ...cell, width: 260 }}>{t("interval")}</span>
            <span style={cell}>{t("rank")}</span>
            <span style={cell}>{t("votes")}</span>
          </div>
          {lines.map((line) => (
            <div key={line.category} style={{ display: "flex", padding: "10px 0", borderTop: "1px solid #27344d" }}>
              <span style={{ display: "flex", flexGrow: 1 }}>
                {cardCategoryName(line.category, lang, categories, fonts)}
              </span>
              <span style={cell}>{line.rating}</span>
              <span style={{ ...cell, width: 260, color: "#a3b0c2" }}>{line.interval}</span>
              <span style={{ ...cell, color: "#a5b4fc" }}>{`#${line.rank}`}</span>
              <span style={cell}>{line.votes}</span>
            </div>
          ))}
        </div>
      )}
    </div>,
    { ...SIZE, fonts: fonts.fonts, headers: { "Cache-Control": "public, max-age=300" } },
  );
}
