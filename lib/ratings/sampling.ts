import type { Random } from "../random";

/** Standard normal draws by Box-Muller. */
export function createGaussian(random: Random): () => number {
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const value = spare;
      spare = null;
      return value;
    }
    const u = 1 - random();
    const v = random();
    const radius = Math.sqrt(-2 * Math.log(u));
    spare = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  };
}

/** Below this expected count a binomial is drawn exactly by inversion; above, by its normal limit. */
const EXACT_BELOW = 50;

/**
 * Binomial(n, p). Exact inversion while n·min(p, 1−p) < 50 (cost grows with the mean); above that
 * the normal approximation with continuity rounding, whose error there is far below the
 * bootstrap's own Monte-Carlo noise.
 */
export function sampleBinomial(n: number, p: number, random: Random, gaussian: () => number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  const q = p > 0.5 ? 1 - p : p;
  let x: number;
  if (n * q < EXACT_BELOW) {
    const odds = q / (1 - q);
    let probability = (1 - q) ** n;
    let u = random();
    x = 0;
    while (u > probability && x < n) {
      u -= probability;
      x += 1;
      probability *= (odds * (n - x + 1)) / x;
    }
  } else {
    x = Math.round(n * q + Math.sqrt(n * q * (1 - q)) * gaussian());
    x = Math.min(n, Math.max(0, x));
  }
  return p > 0.5 ? n - x : x;
}

/**
 * Multinomial resample of `counts` (N draws with probabilities counts/N), written into `out`:
 * exactly a resample of the N underlying votes with replacement, tallied per category, drawn as
 * a chain of conditional binomials. `draws` (default N) draws that many instead.
 */
export function resampleMultinomial(
  counts: Float64Array,
  out: Float64Array,
  random: Random,
  gaussian: () => number,
  draws?: number,
): void {
  let mass = 0;
  for (const c of counts) mass += c;
  let remaining = draws ?? mass;
  for (let i = 0; i < counts.length; i += 1) {
    const c = counts[i] as number;
    const draw =
      mass <= 0 ? 0 : i === counts.length - 1 ? remaining : sampleBinomial(remaining, c / mass, random, gaussian);
    out[i] = draw;
    remaining -= draw;
    mass -= c;
  }
}
