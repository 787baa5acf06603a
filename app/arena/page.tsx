import type { Metadata } from "next";
import { cookies, headers } from "next/headers";
import { getLocale, getTranslations } from "next-intl/server";
import { ArenaClient } from "@/components/arena/arena-client";
import { ARENA_SIZE_COOKIE, arenaHref, parseArenaSize, servedArenaSize } from "@/components/arena/arena-size";
import { battleRequestBody, earlyBattleScript } from "@/components/arena/early-battle";
import { SizeSwitch } from "@/components/arena/size-switch";
import { CategoryTabs } from "@/components/category-tabs";
import { listCategories } from "@/lib/catalog/categories";
import { getArenaContext, getDb, getSessionSecret } from "@/lib/http/app-context";
import { quadsServable } from "@/lib/arena/serve-battle";
import { VOTER_COOKIE, verifyVoterCookie } from "@/lib/arena/voter-session";
import { countVoterCountedVotes } from "@/lib/leaderboard/voter-board";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("arena");
  return { title: t("title") };
}

export default async function ArenaPage({ searchParams }: PageProps<"/arena">) {
  const { category: rawCategory, size: rawSize } = await searchParams;
  const db = getDb();
  const jar = await cookies();
  const voterId = verifyVoterCookie(jar.get(VOTER_COOKIE)?.value, getSessionSecret());
  // Two clips or four (issue 32): the address's choice, else the one remembered in the cookie.
  const askedSize = parseArenaSize(rawSize);
  const chosenSize = askedSize ?? parseArenaSize(jar.get(ARENA_SIZE_COOKIE)?.value);
  // The demo state comes from the arena's cache (it changes with the catalog), so a view pays one
  // query for the voter's count (only with a voter cookie) beside the categories.
  const demo = await getArenaContext().cache.loadDemoState(db);
  const [t, tc, locale, categories, requestHeaders, countedVotes] = await Promise.all([
    getTranslations("arena"),
    getTranslations("common"),
    getLocale(),
    listCategories(db),
    headers(),
    voterId ? countVoterCountedVotes(db, voterId, demo.votes) : 0,
  ]);
  const lang = locale === "zh" ? "zh" : "en";
  const active = categories.find((c) => c.slug === rawCategory);
  const quads = await quadsServable(getArenaContext(), active?.slug);
  const size = servedArenaSize(chosenSize, quads);
  const categoryName = active ? (lang === "zh" ? active.nameZh : active.nameEn) : t("allCategories");
  // The battle comes first: on a phone both clips and the votes fit the first screen; the
  // introduction and notices follow it.
  return (
    <div className="container arena-page">
      <header className="arena-head">
        <h1>{t("title")}</h1>
        <SizeSwitch
          size={size}
          category={active?.slug}
          quadsServable={quads}
          labels={{
            group: t("sizeGroup"),
            two: t("sizeTwo"),
            four: t("sizeFour"),
            unavailable: t("sizeFourUnavailable"),
          }}
        />
        <CategoryTabs
          categories={categories}
          active={active?.slug}
          lang={lang}
          label={t("categoryLabel")}
          allLabel={t("allCategories")}
          href={(slug) => arenaHref(slug, size === 4 ? 4 : undefined)}
        />
      </header>
      {rawCategory && !active ? <p className="notice">{t("unknownCategory")}</p> : null}
      {/* Asks for the first battle while the page's JavaScript loads (see earlyBattleScript). */}
      <script
        nonce={requestHeaders.get("x-nonce") ?? undefined}
        dangerouslySetInnerHTML={{
          __html: earlyBattleScript(battleRequestBody(active?.slug, lang, size)),
        }}
      />
      <ArenaClient
        key={`${active?.slug ?? ""}:${lang}:${size}`}
        category={active?.slug}
        size={size}
        rememberSize={askedSize}
        categoryName={categoryName}
        lang={lang}
        countedVotes={countedVotes}
      />
      <div className="arena-about stack">
        <p className="lede">{t(size === 4 ? "introQuad" : "intro")}</p>
        <p className="small muted">{t(size === 4 ? "keysHintQuad" : "keysHint")}</p>
        {demo.served ? <p className="notice">{tc("placeholderNotice")}</p> : null}
      </div>
    </div>
  );
}
