/** How many clips an arena battle shows: a pair, or a quad (issue 32: pick the best and the worst). */
export type ArenaSize = 2 | 4;

/**
 * The cookie that remembers the voter's last choice of size. A cookie rather than localStorage:
 * the server renders the arena and its inline script asks for the first battle before hydration
 * (early-battle.ts), so it must know the size then; with localStorage it would ask for a pair, and
 * a quad voter would be served (and recorded) a battle thrown away on every visit.
 */
export const ARENA_SIZE_COOKIE = "arena_size";

const ONE_YEAR_S = 365 * 24 * 3600;

/** A size from `?size=` or the cookie: "2" or "4", anything else is no choice (undefined). */
export function parseArenaSize(value: string | string[] | undefined): ArenaSize | undefined {
  return value === "2" ? 2 : value === "4" ? 4 : undefined;
}

/**
 * The size to serve: the address's `?size=` first (links and the switch say it), then the
 * remembered choice, else pairs; a quad only where one can be served (`quadsServable`), so a
 * choice of four in a category without quad prompts shows pairs and says why.
 */
export function servedArenaSize(chosen: ArenaSize | undefined, quadsServable: boolean): ArenaSize {
  return chosen === 4 && quadsServable ? 4 : 2;
}

/** Remembers a choice made through the address, for a year (as the language cookie is). */
export function rememberArenaSize(size: ArenaSize): void {
  document.cookie = `${ARENA_SIZE_COOKIE}=${size}; path=/; max-age=${ONE_YEAR_S}; samesite=lax`;
}

/**
 * The arena's address for a category, and a size when given: the switch names its size (a link to
 * pairs must override a remembered four); a category tab names four only while quads are shown.
 */
export function arenaHref(category: string | undefined, size?: ArenaSize): string {
  const params = new URLSearchParams();
  if (category) params.set("category", category);
  if (size) params.set("size", String(size));
  const query = params.toString();
  return query ? `/arena?${query}` : "/arena";
}
