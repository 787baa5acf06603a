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

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Round steps of a time axis, shortest first. */
const TIME_STEPS = [
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  7 * DAY,
  14 * DAY,
  30 * DAY,
  91 * DAY,
  365 * DAY,
];

/**
 * Round ticks of a time axis over [start, end] (milliseconds since the epoch): multiples (in UTC)
 * of the shortest step in TIME_STEPS that gives at most `count` ticks, so two labels never read
 * the same. `step` tells the caller whether a tick needs the time of day (step < one day). Empty
 * for non-finite input.
 */
export function timeTicks(start: number, end: number, count = 5): { ticks: number[]; step: number } {
  if (!Number.isFinite(start) || !Number.isFinite(end)) return { ticks: [], step: DAY };
  if (end < start) [start, end] = [end, start];
  const step =
    TIME_STEPS.find((s) => Math.floor(end / s) - Math.ceil(start / s) + 1 <= count) ??
    (TIME_STEPS.at(-1) as number) * Math.ceil((end - start) / ((TIME_STEPS.at(-1) as number) * count));
  const ticks: number[] = [];
  for (let i = Math.ceil(start / step); i * step <= end; i += 1) ticks.push(i * step);
  return { ticks, step };
}
