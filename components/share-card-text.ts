import { createTranslator } from "next-intl";
import type { CategorySummary } from "@/lib/catalog/categories";
import { type CardFonts, drawableOr } from "@/lib/leaderboard/card-font";
import type { CardLang } from "@/lib/leaderboard/share-card";
import en from "@/messages/en.json";
import zh from "@/messages/zh.json";

const MESSAGES = { en, zh } as const;

/** The `shareCard` messages in the card's language (next-intl's translator, outside a request's locale). */
export function cardTranslator(lang: CardLang) {
  return createTranslator({ locale: lang, messages: MESSAGES[lang], namespace: "shareCard" });
}

/**
 * A category's name on a card in `lang`: "overall" from the messages, others from the catalog;
 * a Chinese name the card font cannot draw (an operator's new category) falls back to its English
 * name, then to its slug.
 */
export function cardCategoryName(
  slug: string,
  lang: CardLang,
  categories: readonly CategorySummary[],
  fonts: Pick<CardFonts, "draws">,
): string {
  if (slug === "overall") return MESSAGES[lang].categories.overall;
  const category = categories.find((c) => c.slug === slug);
  if (!category) return slug;
  const name = lang === "zh" ? category.nameZh : category.nameEn;
  return drawableOr(fonts, name, drawableOr(fonts, category.nameEn, slug));
}
