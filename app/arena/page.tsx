import type { Metadata } from "next";
import { cookies, headers } from "next/headers";
import { getLocale, getTranslations } from "next-intl/server";
import { ArenaClient } from "@/components/arena/arena-client";
import { earlyBattleScript } from "@/components/arena/early-battle";
import { CategoryTabs } from "@/components/category-tabs";
import { listCategories } from "@/lib/catalog/categories";
import { getArenaStats } from "@/lib/catalog/stats";
import { getDb, getSessionSecret } from "@/lib/http/app-context";
import { VOTER_COOKIE, verifyVoterCookie } from "@/lib/arena/voter-session";
import { countVoterCountedVotes } from "@/lib/leaderboard/voter-board";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("arena");
  return { title: t("title") };
}

export default async function ArenaPage({ searchParams }: PageProps<"/arena">) {
  const { category: rawCategory } = await searchParams;
  const db = getDb();
  const voterId = verifyVoterCookie((await cookies()).get(VOTER_COOKIE)?.value, getSessionSecret());
  const [t, tc, locale, categories, stats, requestHeaders, countedVotes] = await Promise.all([
    getTranslations("arena"),
    getTranslations("common"),
    getLocale(),
    listCategories(db),
    getArenaStats(db),
    headers(),
    voterId ? countVoterCountedVotes(db, voterId) : 0,
  ]);
  const lang = locale === "zh" ? "zh" : "en";
  const active = categories.find((c) => c.slug === rawCategory);
  const categoryName = active ? (lang === "zh" ? active.nameZh : active.nameEn) : t("allCategories");
  // The battle comes first: on a phone both clips and the votes fit the first screen; the
  // introduction and notices follow it.
  return (
    <div className="container arena-page">
      <header className="arena-head">
        <h1>{t("title")}</h1>
        <CategoryTabs
          categories={categories}
          active={active?.slug}
          lang={lang}
          label={t("categoryLabel")}
          allLabel={t("allCategories")}
          href={(slug) => (slug ? `/arena?category=${slug}` : "/arena")}
        />
      </header>
      {rawCategory && !active ? <p className="notice">{t("unknownCategory")}</p> : null}
      {/* Asks for the first battle while the page's JavaScript loads (see earlyBattleScript). */}
      <script
        nonce={requestHeaders.get("x-nonce") ?? undefined}
        dangerouslySetInnerHTML={{
          __html: earlyBattleScript({ ...(active ? { category: active.slug } : {}), lang }),
        }}
      />
      <ArenaClient
        key={`${active?.slug ?? ""}:${lang}`}
        category={active?.slug}
        categoryName={categoryName}
        lang={lang}
        countedVotes={countedVotes}
      />
      <div className="arena-about stack">
        <p className="lede">{t("intro")}</p>
        <p className="small muted">{t("keysHint")}</p>
        {stats.placeholders ? <p className="notice">{tc("placeholderNotice")}</p> : null}
      </div>
    </div>
  );
}
