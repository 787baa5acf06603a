// Paired comparisons of two arms run on the same seeds, for the sampler benchmarks
// (scripts/bench/sampler.ts, scripts/bench/sampler-quad.ts): the median, and the ratio of two
// arms' medians with a percentile-bootstrap 95% interval that resamples whole replicates (seeds),
// so both arms of a replicate stay together (Efron & Tibshirani 1993, "An Introduction to the
// Bootstrap", ch. 13).
import { seededRandom } from "../../lib/random";

export const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  return sorted.length % 2
    ? (sorted[Math.floor(mid)] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

export interface PairedRatio {
  ratio: number;
  lo: number;
  hi: number;
}

/** Ratio of medians a/b (replicate r of `a` paired with replicate r of `b`) with its 95% interval. */
export function pairedRatio(a: readonly number[], b: readonly number[], seed: number): PairedRatio {
  const random = seededRandom(seed);
  const ratios: number[] = [];
  for (let round = 0; round < 2000; round += 1) {
    const picks = a.map(() => Math.floor(random() * a.length));
    ratios.push(median(picks.map((i) => a[i] as number)) / median(picks.map((i) => b[i] as number)));
  }
  ratios.sort((x, y) => x - y);
  return {
    ratio: median(a) / median(b),
    lo: ratios[Math.floor(0.025 * ratios.length)] as number,
    hi: ratios[Math.ceil(0.975 * ratios.length) - 1] as number,
  };
}

export const formatRatio = (r: PairedRatio) => `${r.ratio.toFixed(2)} [${r.lo.toFixed(2)}, ${r.hi.toFixed(2)}]`;

/**
 * Seed of a replicate's world; every arm of a replicate shares it. "tuning": the seeds the pair
 * sampler's weights were chosen on (1 + 7,919·r, r = 0…59); "held-out" (the default): seeds never
 * used for tuning.
 */
export type SeedSet = "tuning" | "held-out";
export const seedOf = (replicate: number, seeds: SeedSet) =>
  seeds === "tuning" ? 1 + replicate * 7_919 : 50_000_017 + replicate * 104_729;

/** The --seeds option's value, checked. */
export function parseSeedSet(value: string | undefined): SeedSet {
  if (value === undefined || value === "held-out") return "held-out";
  if (value === "tuning") return "tuning";
  throw new Error(`--seeds: expected tuning or held-out, got ${value}`);
}
