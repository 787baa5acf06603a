"use client";

import { CartesianGrid, ErrorBar, LabelList, ResponsiveContainer, Scatter, ScatterChart, XAxis, YAxis } from "recharts";
import { niceTicks } from "@/components/charts/axis-ticks";

/** One model's point: rating and cost per usable clip (USD), each with its 95% interval (null: open). */
export interface CostPoint {
  model: string;
  rating: number;
  ratingLow: number | null;
  ratingHigh: number | null;
  cost: number;
  costLow: number | null;
  costHigh: number | null;
  /** On the Pareto frontier (lib/ratings/usable-cost.ts, paretoFrontier). */
  frontier: boolean;
}

/** Beside each dot its number in the legend (names would collide on a 390 px phone). */
interface NumberedPoint extends CostPoint {
  label: number;
}

interface CostChartProps {
  points: CostPoint[];
  label: string;
  axisCost: string;
  axisRating: string;
  /** Says how the legend reads. */
  legend: string;
  /** BCP 47 locale for the axis numbers. */
  locale: string;
}

/**
 * Rating (up) against cost per usable clip (right), whiskers on both axes for the 95% intervals
 * (an open side dashed to the edge of the axis), the Pareto frontier's models filled and joined
 * by a line. Each dot carries a number, and the legend under the chart names the model with its
 * cost and interval, so a 390 px phone reads it without a tooltip or colliding names.
 */
export function CostChart({ points: unnumbered, label, axisCost, axisRating, legend, locale }: CostChartProps) {
  const points: NumberedPoint[] = unnumbered.map((p, i) => ({ ...p, label: i + 1 }));
  const costs = points.flatMap((p) => [p.cost, p.costLow ?? p.cost, p.costHigh ?? p.cost]);
  const ratings = points.flatMap((p) => [p.rating, p.ratingLow ?? p.rating, p.ratingHigh ?? p.rating]);
  const xTicks = niceTicks(Math.min(0, ...costs), Math.max(...costs), 5);
  const yTicks = niceTicks(Math.min(...ratings), Math.max(...ratings), 5);
  const [xLow, xHigh] = [xTicks[0] ?? 0, xTicks.at(-1) ?? 1];
  const [yLow, yHigh] = [yTicks[0] ?? 0, yTicks.at(-1) ?? 1];
  const data = points.map((p) => ({
    ...p,
    costBar: [p.costLow === null ? 0 : p.cost - p.costLow, p.costHigh === null ? 0 : p.costHigh - p.cost],
    costOpen: [p.costLow === null ? p.cost - xLow : 0, p.costHigh === null ? xHigh - p.cost : 0],
    ratingBar: [p.ratingLow === null ? 0 : p.rating - p.ratingLow, p.ratingHigh === null ? 0 : p.ratingHigh - p.rating],
    ratingOpen: [p.ratingLow === null ? p.rating - yLow : 0, p.ratingHigh === null ? yHigh - p.rating : 0],
  }));
  const frontier = data.filter((p) => p.frontier).sort((a, b) => a.cost - b.cost);
  const others = data.filter((p) => !p.frontier);
  const usd = new Intl.NumberFormat(locale, { style: "currency", currency: "USD", currencyDisplay: "code" });
  const amount = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const bars = (stroke: string) => [
    <ErrorBar key="cb" dataKey="costBar" direction="x" width={4} stroke={stroke} isAnimationActive={false} />,
    <ErrorBar
      key="co"
      dataKey="costOpen"
      direction="x"
      width={0}
      stroke={stroke}
      strokeDasharray="4 3"
      isAnimationActive={false}
    />,
    <ErrorBar key="rb" dataKey="ratingBar" direction="y" width={4} stroke={stroke} isAnimationActive={false} />,
    <ErrorBar
      key="ro"
      dataKey="ratingOpen"
      direction="y"
      width={0}
      stroke={stroke}
      strokeDasharray="4 3"
      isAnimationActive={false}
    />,
    <LabelList key="l" dataKey="label" position="top" fontSize={11} fontWeight={700} fill="var(--text)" offset={6} />,
  ];
  return (
    <figure className="chart cost-chart" aria-label={label} data-testid="cost-chart">
      <ResponsiveContainer width="100%" height={340}>
        <ScatterChart title={label} margin={{ top: 12, right: 16, bottom: 28, left: 4 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
          <XAxis
            type="number"
            dataKey="cost"
            domain={[xLow, xHigh]}
            ticks={xTicks}
            tickFormatter={(value: number) => usd.format(value)}
            allowDataOverflow
            stroke="var(--muted)"
            fontSize={11}
            label={{ value: axisCost, position: "insideBottom", offset: -18, fontSize: 12, fill: "var(--muted)" }}
          />
          <YAxis
            type="number"
            dataKey="rating"
            domain={[yLow, yHigh]}
            ticks={yTicks}
            tickFormatter={(value: number) => number.format(value)}
            allowDataOverflow
            width={44}
            stroke="var(--muted)"
            fontSize={11}
            label={{
              value: axisRating,
              angle: -90,
              position: "insideLeft",
              offset: 10,
              fontSize: 12,
              fill: "var(--muted)",
            }}
          />
          <Scatter data={others} fill="var(--surface)" stroke="var(--muted)" isAnimationActive={false}>
            {bars("var(--muted)")}
          </Scatter>
          <Scatter
            data={frontier}
            fill="var(--accent)"
            line={{ stroke: "var(--accent)", strokeWidth: 2 }}
            lineType="joint"
            isAnimationActive={false}
            data-testid="cost-frontier"
          >
            {bars("var(--accent)")}
          </Scatter>
        </ScatterChart>
      </ResponsiveContainer>
      <figcaption className="small muted">{legend}</figcaption>
      <ol className="cost-chart-legend" data-testid="cost-chart-legend">
        {points.map((p) => (
          <li key={p.label} value={p.label}>
            {p.frontier ? "● " : ""}
            {p.model}: {amount.format(p.cost)} ({p.costLow === null ? "…" : amount.format(p.costLow)}–
            {p.costHigh === null ? "∞" : amount.format(p.costHigh)})
          </li>
        ))}
      </ol>
    </figure>
  );
}
