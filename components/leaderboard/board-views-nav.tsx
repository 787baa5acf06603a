import Link from "next/link";
import { getTranslations } from "next-intl/server";

export type BoardView = "ratings" | "style" | "failures";

/** Switches the leaderboard between raw ratings, style-controlled ratings and failure rates. */
export async function BoardViewsNav({ current, category }: { current: BoardView; category: string }) {
  const t = await getTranslations("boardViews");
  const categoryParam = category === "overall" ? "" : `category=${encodeURIComponent(category)}`;
  const href: Record<BoardView, string> = {
    ratings: `/leaderboard${categoryParam ? `?${categoryParam}` : ""}`,
    style: `/leaderboard?${categoryParam ? `${categoryParam}&` : ""}control=style`,
    failures: `/leaderboard/failures${categoryParam ? `?${categoryParam}` : ""}`,
  };
  return (
    <nav className="segmented" aria-label={t("label")}>
      {(["ratings", "style", "failures"] as const).map((view) => (
        <Link key={view} href={href[view]} aria-current={current === view ? "page" : undefined}>
          {t(view)}
        </Link>
      ))}
    </nav>
  );
}
