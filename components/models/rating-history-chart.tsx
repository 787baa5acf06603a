"use client";

import { Area, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

interface RatingHistoryChartProps {
  points: { computedAt: string; rating: number; ciLow: number; ciHigh: number }[];
  label: string;
  locale: string;
}

/** A model's overall rating after each recompute, with its 95% interval as a band. */
export function RatingHistoryChart({ points, label, locale }: RatingHistoryChartProps) {
  const data = points.map((p) => ({
    time: new Date(p.computedAt).getTime(),
    rating: Math.round(p.rating),
    interval: [Math.round(p.ciLow), Math.round(p.ciHigh)],
  }));
  const day = (time: number) =>
    new Date(time).toLocaleDateString(locale, { month: "short", day: "numeric", timeZone: "UTC" });
  return (
    <figure className="chart" aria-label={label}>
      <ResponsiveContainer width="100%" height={240}>
        <ComposedChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
          <XAxis
            dataKey="time"
            type="number"
            scale="time"
            domain={["dataMin", "dataMax"]}
            tickFormatter={day}
            stroke="var(--muted)"
          />
          {/* "auto" lets the axis choose round ticks (multiples of 10, 20, 50, …). */}
          <YAxis domain={["auto", "auto"]} allowDecimals={false} width={48} stroke="var(--muted)" />
          <Tooltip
            labelFormatter={(time) => day(Number(time))}
            contentStyle={{ background: "var(--surface)", border: "1px solid var(--border)" }}
          />
          <Area dataKey="interval" stroke="none" fill="var(--accent)" fillOpacity={0.2} isAnimationActive={false} />
          <Line dataKey="rating" stroke="var(--accent)" dot={false} strokeWidth={2} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
}
