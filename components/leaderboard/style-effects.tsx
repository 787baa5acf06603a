import { getTranslations } from "next-intl/server";
import type { LeaderboardResponse } from "@/lib/leaderboard/leaderboard-view";

type Effect = NonNullable<LeaderboardResponse["effects"]>[number];

const signed = (points: number) => `${points >= 0 ? "+" : "−"}${Math.abs(points).toFixed(0)}`;

/** What each clip property is worth in a vote under style control, with its 95% interval. */
export async function StyleEffects({ effects }: { effects: Effect[] }) {
  const t = await getTranslations("boardViews");
  return (
    <section className="card stack" aria-labelledby="style-effects">
      <h2 id="style-effects">{t("effectsTitle")}</h2>
      <p className="muted">{t("effectsIntro")}</p>
      <ul className="effect-list">
        {effects.map((effect) => (
          <li key={effect.feature}>
            <strong>{t(`feature.${effect.feature}`)}</strong>{" "}
            {effect.estimable && effect.points !== null && effect.ciLow !== null && effect.ciHigh !== null
              ? t("effect", {
                  points: signed(effect.points),
                  low: signed(effect.ciLow),
                  high: signed(effect.ciHigh),
                  unit: t(`unit.${effect.feature}`),
                })
              : t("notEstimable")}
          </li>
        ))}
      </ul>
    </section>
  );
}
