interface PairHeatmapProps {
  caption: string;
  models: string[];
  values: (number | null)[][];
  /** How a cell's value reads: a percentage or a count. */
  format: "share" | "count";
}

/**
 * A model × model matrix as a table whose cells are tinted by value: readable by screen readers
 * and with numbers in every cell, so colour is never the only carrier of meaning.
 */
export function PairHeatmap({ caption, models, values, format }: PairHeatmapProps) {
  const max = Math.max(1, ...values.flat().map((v) => v ?? 0));
  const tint = (v: number | null) => {
    if (v === null) return undefined;
    const strength = format === "share" ? Math.abs(v - 0.5) * 2 : v / max;
    const hue = format === "share" ? (v >= 0.5 ? "var(--heat-good)" : "var(--heat-bad)") : "var(--heat-count)";
    // At most 45% of the hue: the darkest tint (indigo) keeps the cell's text above 4.5:1 (WCAG AA);
    // at 70% a cell at the maximum count fell to about 4.2:1 (axe, color-contrast).
    return { background: `color-mix(in srgb, ${hue} ${Math.round(strength * 45)}%, transparent)` };
  };
  return (
    // A named, focusable region: on a phone the matrix scrolls sideways, and a keyboard must reach it.
    <div className="table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table className="table heatmap">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {/* The corner heads nothing: a plain cell, so no table header is left empty. */}
            <td />
            {models.map((m) => (
              <th key={m} scope="col" className="num">
                {m}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {models.map((rowModel, i) => (
            <tr key={rowModel}>
              <th scope="row">{rowModel}</th>
              {models.map((colModel, j) => {
                const v = i === j ? null : (values[i]?.[j] ?? null);
                return (
                  <td key={colModel} className="num" style={tint(v)}>
                    {v === null ? "" : format === "share" ? `${Math.round(v * 100)}%` : v}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
