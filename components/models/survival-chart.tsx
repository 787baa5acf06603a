import type { SurvivalPoint } from "@/lib/ratings/failure-times";

interface SurvivalChartProps {
  points: readonly SurvivalPoint[];
  /** Right end of the time axis, ms (the longest delivered clip). */
  maxMs: number;
  /** Accessible name of the chart. */
  label: string;
  /** Axis captions, already in the reader's language. */
  timeAxis: string;
  survivalAxis: string;
}

const W = 640;
const H = 240;
const PAD = { left: 44, right: 12, top: 10, bottom: 34 };

/**
 * A Kaplan-Meier step curve with its 95% band (lib/ratings/failure-times.ts), drawn on the server
 * as SVG: survival from 1 at time 0, stepping down at each marked failure, the band shaded.
 */
export function SurvivalChart({ points, maxMs, label, timeAxis, survivalAxis }: SurvivalChartProps) {
  const x = (ms: number) => PAD.left + ((W - PAD.left - PAD.right) * ms) / Math.max(1, maxMs);
  const y = (s: number) => PAD.top + (H - PAD.top - PAD.bottom) * (1 - s);
  const steps = (value: (p: SurvivalPoint) => number) => {
    let d = `M${x(0)},${y(1)}`;
    for (const p of points) d += ` H${x(p.timeMs)} V${y(value(p))}`;
    return `${d} H${x(maxMs)}`;
  };
  // The band: along the upper bound, back along the lower bound.
  let band = `M${x(0)},${y(1)}`;
  for (const p of points) band += ` H${x(p.timeMs)} V${y(p.upper)}`;
  band += ` H${x(maxMs)} V${y(points.at(-1)?.lower ?? 1)}`;
  for (let i = points.length - 1; i >= 0; i--) {
    const p = points[i] as SurvivalPoint;
    band += ` H${x(p.timeMs)} V${y(points[i - 1]?.lower ?? 1)}`;
  }
  band += " Z";
  const seconds = Array.from({ length: Math.floor(maxMs / 1000) + 1 }, (_, i) => i);
  return (
    <svg className="survival-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
      {[0, 0.25, 0.5, 0.75, 1].map((s) => (
        <g key={s}>
          <line x1={PAD.left} x2={W - PAD.right} y1={y(s)} y2={y(s)} className={s === 0.5 ? "grid median" : "grid"} />
          <text x={PAD.left - 6} y={y(s) + 4} textAnchor="end" className="tick">
            {s}
          </text>
        </g>
      ))}
      {seconds.map((s) => (
        <text key={s} x={x(s * 1000)} y={H - PAD.bottom + 16} textAnchor="middle" className="tick">
          {s}
        </text>
      ))}
      <path d={band} className="band" />
      <path d={steps((p) => p.survival)} className="curve" />
      <text x={(PAD.left + W - PAD.right) / 2} y={H - 4} textAnchor="middle" className="axis">
        {timeAxis}
      </text>
      <text
        x={12}
        y={(PAD.top + H - PAD.bottom) / 2}
        textAnchor="middle"
        className="axis"
        transform={`rotate(-90 12 ${(PAD.top + H - PAD.bottom) / 2})`}
      >
        {survivalAxis}
      </text>
    </svg>
  );
}
