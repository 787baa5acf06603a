/**
 * A 95% interval as plain text, open sides written as open: "1055.9–1093.6", "> 1133.9" (no upper
 * bound: e.g. only wins), "< 866.1" (no lower bound), `unbounded` (neither; "unbounded" unless a
 * reader of another language needs a symbol such as "±∞").
 */
export function formatInterval(low: number | null, high: number | null, digits = 1, unbounded = "unbounded"): string {
  if (low !== null && high !== null) return `${low.toFixed(digits)}–${high.toFixed(digits)}`;
  if (low !== null) return `> ${low.toFixed(digits)}`;
  if (high !== null) return `< ${high.toFixed(digits)}`;
  return unbounded;
}
