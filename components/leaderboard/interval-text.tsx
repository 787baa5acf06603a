import { useTranslations } from "next-intl";

interface IntervalTextProps {
  rating: number;
  ciLow: number | null;
  ciHigh: number | null;
  locale: string;
  /**
   * "plusMinus": +12 / −9 around the rating; "range": 1,003–1,024; "words": a range, with an open
   * side said in words ("above 1,650, no upper bound yet") where a bare "> 1,650" would not say
   * what the number is (the landing page and the reveal).
   */
  display: "plusMinus" | "range" | "words";
}

/**
 * A 95% interval as text. A side the votes cannot bound (null) is written open — "> 1,650",
 * "< 870", or "unbounded" — with the reason in the title, never as ±0.
 */
export function IntervalText({ rating, ciLow, ciHigh, locale, display }: IntervalTextProps) {
  const t = useTranslations("leaderboard");
  const numberFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const format = (value: number) => numberFormat.format(value);
  if (ciLow !== null && ciHigh !== null) {
    return (
      <span>
        {display === "plusMinus"
          ? `+${format(ciHigh - rating)} / −${format(rating - ciLow)}`
          : `${format(ciLow)}–${format(ciHigh)}`}
      </span>
    );
  }
  const words = display === "words";
  if (ciLow !== null)
    return <span title={t("openAboveTitle")}>{t(words ? "openAboveWords" : "openAbove", { low: format(ciLow) })}</span>;
  if (ciHigh !== null)
    return (
      <span title={t("openBelowTitle")}>{t(words ? "openBelowWords" : "openBelow", { high: format(ciHigh) })}</span>
    );
  return <span title={t("openBothTitle")}>{t(words ? "openBothWords" : "openBoth")}</span>;
}
