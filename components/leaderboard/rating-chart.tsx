"use client";

import { CartesianGrid, ErrorBar, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from "recharts";
import { niceTicks } from "@/components/charts/axis-ticks";

interface RatingChartProps {
  rows: { model: string; rating: number; ciLow: number | null; ciHigh: number | null }[];
  label: string;
  /** "Rating" in the reader's language: the tooltip's name for the value. */
  ratingLabel: string;
  /** BCP 47 locale for the axis numbers. */
  locale: string;
}

/**
 * Ratings as dots with their 95% interval as whiskers, best at the top, on round axis ticks. A
 * side the votes cannot bound (null) is drawn dashed to the edge of the axis: an open bar.
 */
export function RatingChart({ rows, label, ratingLabel, locale }: RatingChartProps) {
  const closed = rows.flatMap((r) => [r.rating, r.ciLow ?? r.rating, r.ciHigh ?? r.rating]);
  const ticks = niceTicks(Math.min(...closed), Math.max(...closed), 6);
  const [axisLow, axisHigh] = [ticks[0] ?? 0, ticks.at(-1) ?? 0];
  const data = rows.map((row, index) => ({
    model: row.model,
    position: index,
    rating: Math.round(row.rating),
    interval: [row.ciLow === null ? 0 : row.rating - row.ciLow, row.ciHigh === null ? 0 : row.ciHigh - row.rating],
    open: [
      row.ciLow === null ? Math.max(0, row.rating - axisLow) : 0,
      row.ciHigh === null ? Math.max(0, axisHigh - row.rating) : 0,
    ],
  }));
  const format = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  return (
    <figure className="chart" aria-label={label}>
      <ResponsiveContainer width="100%" height={Math.max(160, rows.length * 34 + 40)}>
        <ScatterChart title={label} margin={{ top: 8, right: 24, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke="var(--border)" />
          <XAxis
            type="number"
            dataKey="rating"
            domain={[axisLow, axisHigh]}
            ticks={ticks}
            tickFormatter={(value: number) => format.format(value)}
            allowDataOverflow
            stroke="var(--muted)"
          />
          <YAxis
            type="number"
            dataKey="position"
            domain={[-0.5, rows.length - 0.5]}
            ticks={data.map((d) => d.position)}
            tickFormatter={(position: number) => data[position]?.model ?? ""}
            reversed
            width={150}
            stroke="var(--muted)"
          />
          <Tooltip
            cursor={false}
            formatter={(value) => [String(value), ratingLabel]}
            labelFormatter={() => ""}
            contentStyle={{ background: "var(--surface)", border: "1px solid var(--border)" }}
          />
          <Scatter data={data} fill="var(--accent)" isAnimationActive={false}>
            {/* Not animated: with the dots' animation off, an animated bar stays scaled to nothing. */}
            <ErrorBar dataKey="interval" direction="x" width={6} stroke="var(--accent)" isAnimationActive={false} />
            <ErrorBar
              dataKey="open"
              direction="x"
              width={0}
              stroke="var(--accent)"
              strokeDasharray="4 3"
              isAnimationActive={false}
            />
          </Scatter>
        </ScatterChart>
      </ResponsiveContainer>
    </figure>
  );
}
