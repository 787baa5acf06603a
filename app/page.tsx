import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { getArenaStats } from "@/lib/catalog/stats";
import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";

type ArenaStats = Awaited<ReturnType<typeof getArenaStats>>;

/** Live figures for the hero; the home page still renders (without them) if the database is down. */
async function loadStats(): Promise<ArenaStats | null> {
  try {
    return await getArenaStats(getDb());
  } catch (error) {
    console.error("home: arena stats unavailable", error);
    return null;
  }
}

const CARDS = [
  ["blindTitle", "blindBody"],
  ["uncertaintyTitle", "uncertaintyBody"],
  ["dataTitle", "dataBody"],
] as const;

export default async function HomePage() {
  const [t, tc, format, stats] = await Promise.all([
    getTranslations("home"),
    getTranslations("common"),
    getFormatter(),
    loadStats(),
  ]);
  const figures = stats
    ? ([
        ["statVotes", stats.votes],
        ["statModels", stats.models],
        ["statPrompts", stats.prompts],
      ] as const)
    : [];
  return (
    <div className="container stack-lg">
      <section className="hero" aria-labelledby="hero-title">
        <p className="eyebrow">{t("eyebrow")}</p>
        <h1 id="hero-title">{t("title")}</h1>
        <p className="lede">{t("lede")}</p>
        <div className="hero-actions">
          <Link href="/arena" className="btn btn-primary btn-lg">
            {t("startVoting")}
          </Link>
          <Link href="/leaderboard" className="btn btn-secondary btn-lg">
            {t("seeLeaderboard")}
          </Link>
        </div>
        {figures.length > 0 ? (
          <dl className="stats" aria-label={t("statsLabel")}>
            {figures.map(([key, value]) => (
              <div key={key} className="stat">
                <dt>{t(key)}</dt>
                <dd>{format.number(value)}</dd>
              </div>
            ))}
          </dl>
        ) : null}
      </section>
      <section className="card-grid">
        {CARDS.map(([title, body]) => (
          <article key={title} className="card feature">
            <h2>{t(title)}</h2>
            <p>{t(body)}</p>
          </article>
        ))}
      </section>
      {stats?.placeholders ? (
        <p className="notice" role="note">
          {tc("placeholderNotice")}
        </p>
      ) : null}
    </div>
  );
}
