import type { LeaderboardRow } from "./types";

/** The fields the tier rule reads from a row. */
export type TierInput = Pick<LeaderboardRow, "rating" | "ciLow" | "ciHigh" | "group" | "provisional">;

/**
 * Statistical tiers: models whose 95% intervals cannot be told apart from the model that leads
 * their tier share it (compar:IA's classes, betagouv/ComparIA#483 and #639). Within each connected
 * group, established models are walked from the highest rating down: the first opens tier 1 and its
 * lower bound becomes the tier's *anchor*; each next model joins the open tier while its upper
 * bound is ≥ the anchor, and otherwise opens the next tier with its own lower bound as the new
 * anchor. The anchor never follows later members, so small overlaps do not chain into one tier:
 * every member of a tier is indistinguishable from its leader. Tiers are therefore contiguous in
 * rating order and number from 1 in each group. Provisional rows (and any with an open bound)
 * get null: their intervals lean on the prior, so they stand apart, as they do from rank (UB).
 *
 * Returns one tier per row, in the order of `rows` (which need not be sorted). Ratings in points.
 */
export function statisticalTiers(rows: readonly TierInput[]): (number | null)[] {
  const tiers: (number | null)[] = rows.map(() => null);
  const byGroup = new Map<number, number[]>();
  rows.forEach((row, index) => {
    if (row.provisional || row.ciLow === null || row.ciHigh === null) return;
    const members = byGroup.get(row.group) ?? [];
    members.push(index);
    byGroup.set(row.group, members);
  });
  for (const members of byGroup.values()) {
    members.sort((a, b) => (rows[b] as TierInput).rating - (rows[a] as TierInput).rating || a - b);
    let tier = 0;
    let anchor = Number.NEGATIVE_INFINITY;
    for (const index of members) {
      const row = rows[index] as TierInput & { ciLow: number; ciHigh: number };
      if (tier === 0 || row.ciHigh < anchor) {
        tier += 1;
        anchor = row.ciLow;
      }
      tiers[index] = tier;
    }
  }
  return tiers;
}

/** Sets `tier` on each row from statisticalTiers (rows of one rating result). */
export function assignTiers(rows: LeaderboardRow[]): void {
  statisticalTiers(rows).forEach((tier, index) => ((rows[index] as LeaderboardRow).tier = tier));
}
