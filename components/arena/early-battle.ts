import type { CreateBattleBody } from "@/lib/arena/schemas";

/**
 * The body of the arena's battle request, built the same way by the page's inline script and the
 * arena (takeEarlyBattle compares them as JSON): a pair unless `size` is 4.
 */
export function battleRequestBody(category: string | undefined, lang: "zh" | "en", size: 2 | 4): CreateBattleBody {
  return { ...(category ? { category } : {}), lang, ...(size === 4 ? { size } : {}) };
}

/** Where the page's inline script leaves the first battle's request for the arena to pick up. */
const SLOT = "__clipArenaFirstBattle";

interface EarlyBattle {
  /** The request body, as JSON: the arena takes the battle only if it asked for the same. */
  body: string;
  response: Promise<Response>;
}

declare global {
  interface Window {
    [SLOT]?: EarlyBattle;
  }
}

/**
 * An inline script, run as soon as the HTML is parsed, that asks for the first battle before the
 * page's JavaScript has loaded and hydrated: the clips then start about one round trip plus their
 * first frames after first paint, instead of after hydration plus a round trip. `body` holds only
 * a known category slug, the language and the size (battleRequestBody), and is escaped for a <script> element.
 */
export function earlyBattleScript(body: CreateBattleBody): string {
  const json = JSON.stringify(JSON.stringify(body)).replace(/</g, "\\u003c");
  return (
    `window.${SLOT}={body:${json},response:fetch("/api/battles",` +
    `{method:"POST",headers:{"content-type":"application/json"},body:${json}})}`
  );
}

/** The early request for `body`, once (a second call, or another body, gets null). */
export function takeEarlyBattle(body: CreateBattleBody): Promise<Response> | null {
  const early = window[SLOT];
  if (!early) return null;
  delete window[SLOT];
  return early.body === JSON.stringify(body) ? early.response : null;
}
