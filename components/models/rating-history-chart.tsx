"use client";

import {
  Area,
  CartesianGrid,
  ComposedChart,
  ErrorBar,
  Line,
  ResponsiveContainer,
  Scatter,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { niceTicks, timeTicks } from "@/components/charts/axis-ticks";

interface RatingHistoryChartProps {
  points: { computedAt: string; rating: number; ciLow: number | null; ciHigh: number | null }[];
  label: string;
  /** The rating's name in the tooltip. */
  ratingLabel: string;
  /** BCP 47 locale for dates and numbers. */
  locale: string;
}

/** Under this many points each one is drawn as a dot: a short history would be an invisible line. */
const DOTS_BELOW = 30;
const DAY = 24 * 60 * 60 * 1000;

/**
 * A model's overall rating after each recompute, with its 95% interval as a band, on round axis
 * ticks. Where a side of the interval is open (the votes cannot bound it, e.g. only wins), that
 * point's interval is a whisker instead, its open side dashed to the edge of the axis.
 */
export function RatingHistoryChart({ points, label, ratingLabel, locale }: RatingHistoryChartProps) {
  const closed = points.flatMap((p) => [p.rating, p.ciLow ?? p.rating, p.ciHigh ?? p.rating]);
  const ticks = niceTicks(Math.min(...closed), Math.max(...closed));
  const [axisLow, axisHigh] = [ticks[0] ?? 0, ticks.at(-1) ?? 0];
  const times = points.map((p) => new Date(p.computedAt).getTime());
  const span = { start: Math.min(...times), end: Math.max(...times) };
  // One point, or several within a minute: pad the axis so the points are not on its edges.
  if (span.end - span.start < 60_000) [span.start, span.end] = [span.start - 30 * 60_000, span.end + 30 * 60_000];
  const time = timeTicks(span.start, span.end);
  const data = points.map((p, index) => {
    const open = p.ciLow === null || p.ciHigh === null;
    return {
      time: times[index] as number,
      rating: Math.round(p.rating),
      band: open ? null : [p.ciLow, p.ciHigh],
      // Whiskers only for points with an open side: solid to a closed bound, dashed to the edge.
      whisker: open ? p.rating : null,
      interval: [p.ciLow === null ? 0 : p.rating - p.ciLow, p.ciHigh === null ? 0 : p.ciHigh - p.rating],
      open: [
        p.ciLow === null ? Math.max(0, p.rating - axisLow) : 0,
        p.ciHigh === null ? Math.max(0, axisHigh - p.rating) : 0,
      ],
    };
  });
  const numbers = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const date = (value: number, withTime: boolean) =>
    new Date(value).toLocaleString(locale, {
      month: "short",
      day: "numeric",
      ...(withTime ? { hour: "2-digit", minute: "2-digit" } : {}),
      timeZone: "UTC",
    });
  return (
    <figure className="chart" aria-label={label}>
      <ResponsiveContainer width="100%" height={240}>
        <ComposedChart title={label} data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
          <XAxis
            dataKey="time"
            type="number"
            scale="time"
            domain={[span.start, span.end]}
            ticks={time.ticks}
            tickFormatter={(value: number) => date(value, time.step < DAY)}
            stroke="var(--muted)"
          />
          <YAxis
            domain={[axisLow, axisHigh]}
            ticks={ticks}
            tickFormatter={(value: number) => numbers.format(value)}
            allowDataOverflow
            width={52}
            stroke="var(--muted)"
          />
          <Tooltip
            labelFormatter={(value) => date(Number(value), true)}
            formatter={(value) => [numbers.format(Number(value)), ratingLabel]}
            filterNull
            contentStyle={{ background: "var(--surface)", border: "1px solid var(--border)" }}
          />
          <Area
            dataKey="band"
            stroke="none"
            fill="var(--accent)"
            fillOpacity={0.2}
            isAnimationActive={false}
            tooltipType="none"
          />
          <Line
            dataKey="rating"
            stroke="var(--accent)"
            dot={points.length < DOTS_BELOW ? { r: 3, fill: "var(--accent)" } : false}
            strokeWidth={2}
            isAnimationActive={false}
          />
          <Scatter dataKey="whisker" fill="none" isAnimationActive={false} tooltipType="none">
            <ErrorBar dataKey="interval" direction="y" width={6} stroke="var(--accent)" isAnimationActive={false} />
            <ErrorBar
              dataKey="open"
              direction="y"
              width={0}
              stroke="var(--accent)"
              strokeDasharray="4 3"
              isAnimationActive={false}
            />
          </Scatter>
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
}
