// The ratings CLI's text reports besides the plain board: failure profiles and style control.
import type { FailureTimeRow } from "../lib/ratings/failure-times";
import type { FailureProfileRow } from "../lib/ratings/failure-profile";
import { formatInterval } from "../lib/interval-text";
import { STYLE_FEATURES, type StyleControlResult } from "../lib/ratings/style-control";
import type { ProportionInterval } from "../lib/ratings/wilson-interval";

const percent = (v: number) => `${(100 * v).toFixed(0)}%`;
const share = (p: ProportionInterval) => `${percent(p.share)} (${percent(p.ciLow)}–${percent(p.ciHigh)})`;

/**
 * Per category ("overall" first), one line per model: clips shown, the "both bad" share and each
 * used tag's share, with 95% Wilson intervals. Tags no vote used are named once, not tabulated.
 */
export function printFailures(rows: readonly FailureProfileRow[], tags: readonly string[]): void {
  const used = tags.filter((tag) => rows.some((row) => (row.tags[tag]?.share ?? 0) > 0));
  const width = Math.max(24, ...rows.map((r) => r.model.length));
  const column = (text: string, title: string) => text.padStart(Math.max(16, title.length));
  console.log("Failure profile: share of each model's shown clips voters tagged, 95% Wilson interval");
  const unused = tags.filter((tag) => !used.includes(tag));
  if (unused.length > 0) console.log(`never tagged: ${unused.join(", ")}`);
  for (const category of [...new Set(rows.map((r) => r.category))]) {
    console.log(`\n${category}`);
    console.log(
      ["model".padEnd(width), "shown", column("both bad", "both bad"), ...used.map((t) => column(t, t))].join("  "),
    );
    for (const row of rows.filter((r) => r.category === category)) {
      console.log(
        [
          row.model.padEnd(width),
          String(row.shown).padStart(5),
          column(share(row.bothBad), "both bad"),
          ...used.map((tag) => column(row.tags[tag] ? share(row.tags[tag]) : "", tag)),
        ].join("  "),
      );
    }
  }
}

const seconds = (ms: number | null) => (ms === null ? "—" : (ms / 1000).toFixed(2));

/**
 * Time to first failure per model (lib/ratings/failure-times.ts): the median in seconds of the
 * delivered clip with its 95% interval ("—" where it does not exist), and the counts behind it.
 */
export function printFailureTimes(rows: readonly FailureTimeRow[], method: string): void {
  const width = Math.max(24, ...rows.map((r) => r.model.length));
  console.log(`\nTime to first failure (s of the delivered clip): ${method}`);
  for (const category of [...new Set(rows.map((r) => r.category))]) {
    console.log(`\n${category}`);
    console.log(
      ["model".padEnd(width), "median", "95% interval".padStart(16), "failed", "subjects", "untimed"].join("  "),
    );
    for (const row of rows.filter((r) => r.category === category)) {
      console.log(
        [
          row.model.padEnd(width),
          seconds(row.medianMs).padStart(6),
          `${seconds(row.medianLowMs)}–${seconds(row.medianHighMs)}`.padStart(16),
          String(row.events).padStart(6),
          String(row.subjects).padStart(8),
          String(row.untimed).padStart(7),
        ].join("  "),
      );
    }
  }
}

/** Style-controlled ratings, then each feature's effect in points per unit with its interval. */
export function printStyleControl(result: StyleControlResult, votes: number): void {
  console.log(
    `Bradley-Terry with style control (${result.features.join(", ")}; bootstrap intervals) over ${votes} votes`,
  );
  const width = Math.max(28, ...result.rows.map((r) => r.model.length));
  console.log(["model".padEnd(width), "rating", "95% CI".padStart(17), "votes"].join("  "));
  for (const row of result.rows) {
    console.log(
      [
        row.model.padEnd(width),
        row.rating.toFixed(1).padStart(6),
        formatInterval(row.ciLow, row.ciHigh).padStart(17),
        String(row.votes).padStart(5),
      ].join("  "),
    );
  }
  console.log("\neffect of each clip property, rating points per unit (left minus right):");
  for (const effect of result.effects) {
    const what = `${effect.feature} (per ${effect.unit}; ${STYLE_FEATURES[effect.feature].describe})`;
    console.log(
      effect.estimable && effect.points !== null
        ? `  ${what}: ${effect.points >= 0 ? "+" : ""}${effect.points.toFixed(1)}, 95% CI ${formatInterval(effect.ciLow, effect.ciHigh)}`
        : `  ${what}: not estimable, no vote's clips differ in it`,
    );
  }
}
