import Link from "next/link";
import type { CategorySummary } from "@/lib/catalog/categories";

interface CategoryTabsProps {
  categories: CategorySummary[];
  active?: string;
  lang: "zh" | "en";
  allLabel: string;
  label: string;
  /** The URL for a category (undefined = all). */
  href: (slug: string | undefined) => string;
}

/** A row of links, one per category plus "all"; the current one is marked for assistive tech. */
export function CategoryTabs({ categories, active, lang, allLabel, label, href }: CategoryTabsProps) {
  const items = [
    { slug: undefined, name: allLabel },
    ...categories.map((c) => ({ slug: c.slug, name: lang === "zh" ? c.nameZh : c.nameEn })),
  ];
  return (
    <nav aria-label={label} className="category-tabs">
      {items.map((item) => (
        <Link
          key={item.slug ?? "all"}
          href={href(item.slug)}
          className="category-tab"
          aria-current={item.slug === active ? "page" : undefined}
        >
          {item.name}
        </Link>
      ))}
    </nav>
  );
}
