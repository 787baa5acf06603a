import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { ArenaClient } from "@/components/arena/arena-client";
import { CategoryTabs } from "@/components/category-tabs";
import { listCategories } from "@/lib/catalog/categories";
import { getArenaStats } from "@/lib/catalog/stats";
import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("arena");
  return { title: t("title") };
}

export default async function ArenaPage({ searchParams }: PageProps<"/arena">) {
  const { category: rawCategory } = await searchParams;
  const db = getDb();
  const [t, tc, locale, categories, stats] = await Promise.all([
    getTranslations("arena"),
    getTranslations("common"),
    getLocale(),
    listCategories(db),
    getArenaStats(db),
  ]);
  const lang = locale === "zh" ? "zh" : "en";
  const category = categories.find((c) => c.slug === rawCategory)?.slug;
  return (
    <div className="container stack">
      <header className="page-header">
        <h1>{t("title")}</h1>
        <p className="lede">{t("intro")}</p>
      </header>
      <CategoryTabs
        categories={categories}
        active={category}
        lang={lang}
        label={t("categoryLabel")}
        allLabel={t("allCategories")}
        href={(slug) => (slug ? `/arena?category=${slug}` : "/arena")}
      />
      {rawCategory && !category ? <p className="notice">{t("unknownCategory")}</p> : null}
      {stats.placeholders ? <p className="notice">{tc("placeholderNotice")}</p> : null}
      <ArenaClient key={`${category ?? ""}:${lang}`} category={category} lang={lang} />
    </div>
  );
}
