import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { CategoryTabs } from "@/components/category-tabs";
import { BoardViewsNav } from "@/components/leaderboard/board-views-nav";
import { FailureTable } from "@/components/leaderboard/failure-table";
import { FAILURE_TAG_LABELS, FAILURE_TAGS, type FailureTag } from "@/lib/arena/failure-tags";
import { getDb, getLatestSnapshot, listCategoriesCached } from "@/lib/http/app-context";
import { failuresQuerySchema, selectFailures } from "@/lib/leaderboard/failure-view";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("boardViews");
  return { title: t("failuresTitle") };
}

export default async function FailuresPage({ searchParams }: PageProps<"/leaderboard/failures">) {
  const raw = await searchParams;
  const parsed = failuresQuerySchema.safeParse({ category: raw.category || undefined });
  const db = getDb();
  const [t, locale, categories, snapshot] = await Promise.all([
    getTranslations("boardViews"),
    getLocale(),
    listCategoriesCached(db),
    getLatestSnapshot(db),
  ]);
  const lang = locale === "zh" ? "zh" : "en";
  const known =
    parsed.success && (parsed.data.category === "overall" || categories.some((c) => c.slug === parsed.data.category));
  const category = known && parsed.success ? parsed.data.category : "overall";
  const board = selectFailures(snapshot, { category }, FAILURE_TAGS);
  const sortKeys = ["model", "bothBad", ...FAILURE_TAGS];
  const sort = typeof raw.sort === "string" && sortKeys.includes(raw.sort) ? raw.sort : "bothBad";
  const url = (params: { category?: string; sort?: string }) => {
    const search = new URLSearchParams();
    if (params.category && params.category !== "overall") search.set("category", params.category);
    if (params.sort && params.sort !== "bothBad") search.set("sort", params.sort);
    const text = search.toString();
    return text ? `/leaderboard/failures?${text}` : "/leaderboard/failures";
  };

  return (
    <div className="container stack">
      <header className="page-header">
        <h1>{t("failuresTitle")}</h1>
        <p className="lede">{t("failuresIntro")}</p>
      </header>
      <BoardViewsNav current="failures" category={category} />
      <CategoryTabs
        categories={categories}
        active={category === "overall" ? undefined : category}
        lang={lang}
        label={t("category")}
        allLabel={t("overall")}
        href={(slug) => url({ category: slug, sort })}
      />
      {!known ? <p className="notice">{t("unknownCategory")}</p> : null}
      {board.rows.length === 0 ? (
        <p className="notice">{snapshot?.data.failures ? t("noFailureVotes") : t("notComputed")}</p>
      ) : (
        <FailureTable
          board={board}
          sort={sort}
          sortHref={(s) => url({ category, sort: s })}
          tagLabel={(tag) => FAILURE_TAG_LABELS[tag as FailureTag]?.[lang] ?? tag}
        />
      )}
    </div>
  );
}
