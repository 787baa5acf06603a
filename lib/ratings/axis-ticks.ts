/**
 * Round axis ticks covering [low, high]: multiples of 1, 2 or 5 × 10^k, about `count` of them
 * (Heckbert, "Nice numbers for graph labels", Graphics Gems, 1990). The first tick is at or below
 * `low` and the last at or above `high`, so they double as the axis domain. Empty for non-finite
 * input.
 */
export function niceTicks(low: number, high: number, count = 5): number[] {
  if (!Number.isFinite(low) || !Number.isFinite(high)) return [];
  if (high < low) [low, high] = [high, low];
  if (high === low) {
    low -= 1;
    high += 1;
  }
  const raw = (high - low) / Math.max(1, count - 1);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * magnitude >= raw) ?? 10) * magnitude;
  // Rounding to the step's decimals keeps 0.1 + 0.2 from printing as 0.30000000000000004.
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  const ticks: number[] = [];
  for (let i = Math.floor(low / step); i <= Math.ceil(high / step); i += 1)
    ticks.push(Number((i * step).toFixed(decimals)));
  return ticks;
}
