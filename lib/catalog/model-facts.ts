import { z } from "zod";
import { recordAudit, type Tx } from "../audit";
import type { Db } from "../db/client";
import { DomainError } from "../errors";

const today = () => new Date().toISOString().slice(0, 10);
const blankToUndefined = (value: unknown) => (value === "" ? undefined : value);

/** A non-negative finite number (from JSON, or a form's text). */
const nonNegative = z.preprocess(
  blankToUndefined,
  z.coerce.number({ error: "must be a number" }).finite().min(0, "must not be negative"),
);
/** A day (YYYY-MM-DD, UTC), not after today. */
const pastDay = z.iso.date().refine((d) => d <= today(), { message: "is in the future", params: { issue: "future" } });
/** Where a fact was read: http or https only. */
export const factSourceSchema = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).max(2000);
/** The only currency accepted: prices are shown as USD, never converted. */
export const currencySchema = z.enum(["USD"], { error: "unknown currency (only USD is accepted)" });

/**
 * One dated, sourced fact about a model (issue 34): a price per second of video in USD, or the
 * typical generation time in seconds. `currency` applies to prices only (USD; omitted means USD).
 */
export const modelFactSchema = z
  .strictObject({
    kind: z.enum(["price_per_second", "generation_seconds"]),
    value: nonNegative,
    currency: z.preprocess(blankToUndefined, currencySchema.optional()),
    effectiveDate: pastDay,
    sourceUrl: factSourceSchema,
  })
  .refine((f) => f.kind === "price_per_second" || f.currency === undefined, {
    message: "applies to prices only",
    path: ["currency"],
    params: { issue: "not_a_price" },
  });
export type ModelFactInput = z.infer<typeof modelFactSchema>;

/**
 * The facts an import manifest may give a model (fields of its `models[]` entry): its price per
 * second (USD) and/or generation time (s), each dated and sourced. Importing the same fact again
 * adds nothing (writeManifestFacts); a changed one joins the history.
 */
export const manifestModelFactFields = {
  pricePerSecond: z
    .strictObject({
      value: z.number().min(0, "must not be negative"),
      currency: currencySchema.default("USD"),
      date: pastDay,
      source: factSourceSchema,
    })
    .optional(),
  generationSeconds: z
    .strictObject({ value: z.number().min(0, "must not be negative"), date: pastDay, source: factSourceSchema })
    .optional(),
};
interface ManifestFacts {
  pricePerSecond?: { value: number; currency: string; date: string; source: string };
  generationSeconds?: { value: number; date: string; source: string };
}

/** A manifest clip's reported generation time (s) and cost (USD), each optional. */
export const manifestClipGenerationFields = {
  generationSeconds: z.number().min(0, "must not be negative").optional(),
  generationCostUsd: z.number().min(0, "must not be negative").optional(),
};

/** Per clip, as reported when it was made: generation time (s) and cost (USD), each optional. */
export const clipGenerationSchema = z.strictObject({
  generationSeconds: z.preprocess((v) => (v === "" ? null : v), nonNegative.nullable().optional()),
  generationCostUsd: z.preprocess((v) => (v === "" ? null : v), nonNegative.nullable().optional()),
  currency: z.preprocess(blankToUndefined, currencySchema.optional()),
});

/** A stored fact as the console and the API list it. */
export interface ModelFactRecord {
  id: string;
  kind: "price_per_second" | "generation_seconds";
  value: number;
  currency: string | null;
  /** YYYY-MM-DD. */
  effectiveDate: string;
  sourceUrl: string;
  createdAt: string;
}

const toRecord = (f: {
  id: string;
  kind: "price_per_second" | "generation_seconds";
  value: number;
  currency: string | null;
  effectiveDate: Date;
  sourceUrl: string;
  createdAt: Date;
}): ModelFactRecord => ({
  ...f,
  effectiveDate: f.effectiveDate.toISOString().slice(0, 10),
  createdAt: f.createdAt.toISOString(),
});

/** Writes one fact row (in `tx`, the caller's transaction: the console's or an import's). */
export async function writeModelFact(tx: Tx, modelId: string, input: ModelFactInput): Promise<ModelFactRecord> {
  const fact = await tx.modelFact.create({
    data: {
      modelId,
      kind: input.kind,
      value: input.value,
      currency: input.kind === "price_per_second" ? (input.currency ?? "USD") : null,
      effectiveDate: new Date(`${input.effectiveDate}T00:00:00Z`),
      sourceUrl: input.sourceUrl,
    },
  });
  return toRecord(fact);
}

/**
 * Adds a fact to a model's history (an earlier fact of the same kind is kept; the one in force is
 * the latest by effectiveDate, lib/leaderboard/model-facts.ts), audited. 404 `not_found` for an
 * unknown model.
 */
export async function addModelFact(
  db: Db,
  actorId: string,
  modelId: string,
  input: ModelFactInput,
): Promise<ModelFactRecord> {
  return db.$transaction(async (tx) => {
    if (!(await tx.model.findUnique({ where: { id: modelId }, select: { id: true } })))
      throw new DomainError("not_found", "There is no such model.");
    const fact = await writeModelFact(tx, modelId, input);
    await recordAudit(tx, { actorId, action: "model.add_fact", targetType: "model", targetId: modelId });
    return fact;
  });
}

/** A model's whole fact history, newest first. */
export async function listModelFacts(db: Db, modelId: string): Promise<ModelFactRecord[]> {
  const facts = await db.modelFact.findMany({
    where: { modelId },
    orderBy: [{ effectiveDate: "desc" }, { createdAt: "desc" }],
  });
  return facts.map(toRecord);
}

/** Sets (or clears, with null) a clip's reported generation time and cost; 404 for an unknown clip; audited. */
export async function setClipGeneration(
  db: Db,
  actorId: string,
  clipId: string,
  input: z.infer<typeof clipGenerationSchema>,
): Promise<{ id: string; generationSeconds: number | null; generationCostUsd: number | null }> {
  return db.$transaction(async (tx) => {
    if (!(await tx.clip.findUnique({ where: { id: clipId }, select: { id: true } })))
      throw new DomainError("not_found", "There is no such clip.");
    const { currency: _currency, ...data } = input;
    const clip = await tx.clip.update({
      where: { id: clipId },
      data,
      select: { id: true, generationSeconds: true, generationCostUsd: true },
    });
    await recordAudit(tx, { actorId, action: "clip.set_generation", targetType: "clip", targetId: clipId });
    return clip;
  });
}

/** Writes a manifest model's facts into its history, skipping any identical fact already stored (a re-run adds nothing). */
export async function writeManifestFacts(tx: Tx, modelId: string, facts: ManifestFacts): Promise<number> {
  const wanted: ModelFactInput[] = [];
  if (facts.pricePerSecond)
    wanted.push({
      kind: "price_per_second",
      value: facts.pricePerSecond.value,
      currency: "USD",
      effectiveDate: facts.pricePerSecond.date,
      sourceUrl: facts.pricePerSecond.source,
    });
  if (facts.generationSeconds)
    wanted.push({
      kind: "generation_seconds",
      value: facts.generationSeconds.value,
      effectiveDate: facts.generationSeconds.date,
      sourceUrl: facts.generationSeconds.source,
    });
  let written = 0;
  for (const fact of wanted) {
    const same = await tx.modelFact.findFirst({
      where: {
        modelId,
        kind: fact.kind,
        value: fact.value,
        effectiveDate: new Date(`${fact.effectiveDate}T00:00:00Z`),
        sourceUrl: fact.sourceUrl,
      },
      select: { id: true },
    });
    if (same) continue;
    await writeModelFact(tx, modelId, fact);
    written += 1;
  }
  return written;
}
