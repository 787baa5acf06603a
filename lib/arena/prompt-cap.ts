/**
 * The cap on any one prompt's share of battles (issue 25, item 4). Pure maths.
 *
 * The sampler draws a pair by its weight, then a prompt the pair shares. A pair that shares few
 * prompts puts all its battles on them, so when the weights favour such pairs a few prompts take
 * most battles, and a prompt's text then narrows down who made its clips. The sampler therefore
 * draws (pair, prompt) from the joint weight w(pair) · f(prompt) / |prompts the pair shares|, with
 * one factor f ≤ 1 per prompt chosen so that no prompt's share exceeds MAX_PROMPT_SHARE:
 *
 *     share(p) = f(p) · m(p) / Σ_q f(q) · m(q),   m(p) = Σ_{pairs sharing p} w(pair) / |shared|
 *     f(p) = min(1, λ / m(p)),   λ the level at which the largest share is exactly the cap
 *
 * a water-filling: the prompts above the level are cut down to it, the others keep their mass, so
 * the weights' preferences among pairs are kept wherever the cap allows. When the pool has fewer
 * than 1 / MAX_PROMPT_SHARE prompts the cap cannot be met and every prompt gets the same share
 * (1 / prompts): the realised maximum is max(MAX_PROMPT_SHARE, 1 / prompts in the pool).
 */

/** Largest share of battles the sampler's weights put on any one prompt of a large enough pool. */
export const MAX_PROMPT_SHARE = 0.1;

/**
 * Factors f ∈ (0, 1] per prompt (same order as `masses`) such that the shares f·m / Σ f·m are at
 * most `cap`, or all equal when fewer than 1/cap prompts have mass; a prompt with no mass keeps
 * f = 1. `masses` are non-negative (any scale); `cap` in (0, 1]. O(n log n).
 */
export function capPromptShares(masses: ArrayLike<number>, cap = MAX_PROMPT_SHARE): Float64Array {
  if (!(cap > 0 && cap <= 1)) throw new RangeError(`cap must be in (0, 1], got ${cap}`);
  const factors = new Float64Array(masses.length).fill(1);
  const sorted = Array.from(masses)
    .filter((m) => m > 0)
    .sort((a, b) => b - a);
  const n = sorted.length;
  if (n === 0) return factors;
  // rest[k] = mass of the prompts below the k largest.
  const rest = new Float64Array(n + 1);
  for (let i = n - 1; i >= 0; i -= 1) rest[i] = (rest[i + 1] as number) + (sorted[i] as number);
  let level = sorted[n - 1] as number; // the cap cannot be met: every prompt at the smallest mass
  for (let k = 0; k < n && k * cap < 1; k += 1) {
    const candidate = (cap * (rest[k] as number)) / (1 - k * cap);
    const aboveOk = k === 0 || (sorted[k - 1] as number) >= candidate;
    if (aboveOk && (sorted[k] as number) <= candidate) {
      level = candidate;
      break;
    }
  }
  for (let i = 0; i < masses.length; i += 1) {
    const m = masses[i] as number;
    if (m > level) factors[i] = level / m;
  }
  return factors;
}
