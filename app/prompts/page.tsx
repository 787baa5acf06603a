import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { listPublishedPrompts } from "@/lib/catalog/published-prompts";
import { getDb } from "@/lib/http/app-context";
import { promptText } from "@/lib/prompt-text";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("prompts");
  return { title: t("title") };
}

/** Published prompts: the ones whose clips may be seen by name. */
export default async function PromptsPage() {
  const [t, locale, prompts] = await Promise.all([
    getTranslations("prompts"),
    getLocale(),
    listPublishedPrompts(getDb()),
  ]);
  const lang = locale === "zh" ? "zh" : "en";
  return (
    <div className="container stack">
      <header className="page-header">
        <h1>{t("title")}</h1>
        <p className="lede">{t("intro")}</p>
      </header>
      {prompts.length === 0 ? (
        <p className="notice">{t("none")}</p>
      ) : (
        <ul className="prompt-list">
          {prompts.map((p) => (
            <li key={p.id} className="card">
              <Link href={`/prompts/${p.id}`} lang={promptText(p, lang).lang}>
                {promptText(p, lang).text}
              </Link>
              <p className="muted">{t("clipCount", { count: p.clips })}</p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
