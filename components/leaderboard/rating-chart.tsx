"use client";

import { CartesianGrid, ErrorBar, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from "recharts";

interface RatingChartProps {
  rows: { model: string; rating: number; ciLow: number; ciHigh: number }[];
  label: string;
}

/** Ratings as dots with their 95% interval as whiskers, best at the top. */
export function RatingChart({ rows, label }: RatingChartProps) {
  const data = rows.map((row, index) => ({
    model: row.model,
    position: index,
    rating: Math.round(row.rating),
    interval: [row.rating - row.ciLow, row.ciHigh - row.rating],
  }));
  const low = Math.min(...rows.map((r) => r.ciLow));
  const high = Math.max(...rows.map((r) => r.ciHigh));
  const pad = Math.max(10, (high - low) * 0.08);
  return (
    <figure className="chart" aria-label={label}>
      <ResponsiveContainer width="100%" height={Math.max(160, rows.length * 34 + 40)}>
        <ScatterChart margin={{ top: 8, right: 24, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke="var(--border)" />
          <XAxis
            type="number"
            dataKey="rating"
            domain={[Math.floor(low - pad), Math.ceil(high + pad)]}
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
            formatter={(value) => [String(value), "rating"]}
            labelFormatter={() => ""}
            contentStyle={{ background: "var(--surface)", border: "1px solid var(--border)" }}
          />
          <Scatter data={data} fill="var(--accent)" isAnimationActive={false}>
            <ErrorBar dataKey="interval" direction="x" width={6} stroke="var(--accent)" />
          </Scatter>
        </ScatterChart>
      </ResponsiveContainer>
    </figure>
  );
}
