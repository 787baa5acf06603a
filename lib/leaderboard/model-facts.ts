import type { Db } from "../db/client";
import type { DatedFact, PriceRow } from "../ratings/price-table";
import { meanClipSeconds } from "../ratings/usable-cost";
import type { UsableRow } from "./style-and-failures";

/** A model's facts in force: its price per second (USD) and typical generation time, each dated and sourced. */
export interface FactsInForce {
  pricePerSecond: DatedFact | null;
  generationSeconds: DatedFact | null;
}

const day = (date: Date) => date.toISOString().slice(0, 10);

/**
 * Each model's facts in force on `at` (default now), by model slug: of each kind, the row with the
 * latest effectiveDate on or before `at` (the later-entered one on the same day). Older rows stay
 * in the table as the history. Models with no fact are absent.
 */
export async function readFactsInForce(db: Db, at: Date = new Date()): Promise<Map<string, FactsInForce>> {
  const facts = await db.modelFact.findMany({
    where: { effectiveDate: { lte: at } },
    orderBy: [{ effectiveDate: "desc" }, { createdAt: "desc" }, { id: "desc" }],
    select: { kind: true, value: true, effectiveDate: true, sourceUrl: true, model: { select: { slug: true } } },
  });
  const inForce = new Map<string, FactsInForce>();
  for (const fact of facts) {
    let model = inForce.get(fact.model.slug);
    if (!model) inForce.set(fact.model.slug, (model = { pricePerSecond: null, generationSeconds: null }));
    const key = fact.kind === "price_per_second" ? "pricePerSecond" : "generationSeconds";
    model[key] ??= { value: fact.value, date: day(fact.effectiveDate), sourceUrl: fact.sourceUrl };
  }
  return inForce;
}

/**
 * The price table a board or release is computed with: one row per model × category with a usable
 * tally (`usable`, from the snapshot) or a fact, facts from `facts`, and the mean delivered clip
 * length (seconds) the price applies to. Sorted by category ("overall" first), then model.
 */
export function priceTableOf(usable: readonly UsableRow[], facts: ReadonlyMap<string, FactsInForce>): PriceRow[] {
  const rows = new Map<string, PriceRow>();
  for (const u of usable)
    rows.set(`${u.category}\u0000${u.model}`, {
      model: u.model,
      category: u.category,
      pricePerSecond: facts.get(u.model)?.pricePerSecond ?? null,
      generationSeconds: facts.get(u.model)?.generationSeconds ?? null,
      clipSeconds: meanClipSeconds(u),
    });
  for (const [model, f] of facts)
    if (!rows.has(`overall\u0000${model}`))
      rows.set(`overall\u0000${model}`, { model, category: "overall", ...f, clipSeconds: null });
  return [...rows.values()].sort(
    (x, y) =>
      Number(y.category === "overall") - Number(x.category === "overall") ||
      x.category.localeCompare(y.category) ||
      x.model.localeCompare(y.model),
  );
}
