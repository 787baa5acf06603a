import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getArenaStats } from "@/lib/catalog/stats";
import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const [t, tc, stats] = await Promise.all([
    getTranslations("home"),
    getTranslations("common"),
    getArenaStats(getDb()),
  ]);
  const cards = [
    ["blindTitle", "blindBody"],
    ["uncertaintyTitle", "uncertaintyBody"],
    ["dataTitle", "dataBody"],
  ] as const;
  return (
    <div className="container stack-lg">
      <section className="hero">
        <h1>{t("title")}</h1>
        <p className="lede">{t("lede")}</p>
        <div className="hero-actions">
          <Link href="/arena" className="btn btn-primary btn-lg">
            {t("startVoting")}
          </Link>
          <Link href="/leaderboard" className="btn btn-secondary btn-lg">
            {t("seeLeaderboard")}
          </Link>
        </div>
        <p className="muted">{t("stats", { votes: stats.votes, models: stats.models, prompts: stats.prompts })}</p>
      </section>
      <section className="card-grid">
        {cards.map(([title, body]) => (
          <article key={title} className="card">
            <h2>{t(title)}</h2>
            <p>{t(body)}</p>
          </article>
        ))}
      </section>
      {stats.placeholders ? <p className="notice">{tc("placeholderNotice")}</p> : null}
    </div>
  );
}
