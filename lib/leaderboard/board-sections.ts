/** What board-sections needs of a leaderboard row (LeaderboardResponse rows, home leaders). */
export interface SectionRow {
  group: number;
  ciLow: number | null;
  ciHigh: number | null;
  /** Set by the ratings when they publish it; absent on older snapshots. */
  provisional?: boolean;
}

/** The board read at a glance: one section per connected group, provisional models apart. */
export interface BoardSections<Row> {
  /** Connected groups in the ratings' order (0 = largest), each with its rows in the given order. */
  groups: { group: number; rows: Row[] }[];
  /** Models whose rating the votes cannot pin down yet, whatever their group. */
  provisional: Row[];
}

/**
 * Whether a row is provisional: the ratings' own `provisional` flag when the snapshot carries one,
 * else a 95% interval the votes cannot bound on one side (ciLow or ciHigh null — only wins or only
 * losses, the Bradley-Terry maximum-likelihood estimate then diverges; Ford 1957's condition).
 */
export function isProvisional(row: SectionRow): boolean {
  return row.provisional ?? (row.ciLow === null || row.ciHigh === null);
}

/**
 * Splits leaderboard rows into sections for display: each connected group of models (ratings
 * and rank (UB) compare only within one) in group order, then the provisional rows in a section
 * of their own. Keeps the order of `rows` inside each section. Pure; O(n + g log g) for g groups.
 */
export function boardSections<Row extends SectionRow>(rows: readonly Row[]): BoardSections<Row> {
  const byGroup = new Map<number, Row[]>();
  const provisional: Row[] = [];
  for (const row of rows) {
    if (isProvisional(row)) provisional.push(row);
    else {
      const list = byGroup.get(row.group);
      if (list) list.push(row);
      else byGroup.set(row.group, [row]);
    }
  }
  const groups = [...byGroup.entries()]
    .sort(([a], [b]) => a - b)
    .map(([group, groupRows]) => ({ group, rows: groupRows }));
  return { groups, provisional };
}
