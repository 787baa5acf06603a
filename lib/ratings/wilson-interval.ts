/** 97.5th percentile of the standard normal. */
export const Z95 = 1.959964;

export interface ProportionInterval {
  /** successes / trials; 0 when there are no trials. */
  share: number;
  ciLow: number;
  ciHigh: number;
  trials: number;
}

/**
 * Share of `successes` in `trials` with its 95% Wilson score interval (Wilson 1927, "Probable
 * inference, the law of succession, and statistical inference", JASA 22:209). Unlike the normal
 * ("Wald") interval it stays inside [0, 1] and never has zero width for 0 or n successes out of
 * n, so a model tagged on none of its 3 clips gets [0, 0.56], not "0 ± 0".
 * With no trials the interval is the whole of [0, 1]. Throws on negative or inconsistent counts.
 */
export function wilsonInterval(successes: number, trials: number): ProportionInterval {
  if (!(trials >= 0 && successes >= 0 && successes <= trials)) {
    throw new RangeError(`wilsonInterval: need 0 ≤ successes ≤ trials, got ${successes} of ${trials}`);
  }
  if (trials === 0) return { share: 0, ciLow: 0, ciHigh: 1, trials: 0 };
  const p = successes / trials;
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * trials)) / (1 + z2 / trials);
  const half = (Z95 * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / (1 + z2 / trials);
  return { share: p, ciLow: Math.max(0, centre - half), ciHigh: Math.min(1, centre + half), trials };
}
