// Simulated arenas with known truth for `npm run bench:sampler`: true strengths, a catalogue, a
// voter who answers by the Bradley-Terry model (with one of two tie models), and the vote counts
// in the shapes the app keeps (ordered PairCells for lib/ratings, grouped votes for the sampler).
import { type SampledBattle, type SamplerPrompt, sampleBattle } from "../../lib/arena/sampler";
import {
  estimateStrengths,
  type StrengthPosterior,
  tallyPairs,
  type VoteGroup,
} from "../../lib/arena/strength-estimates";
import { createGaussian } from "../../lib/ratings/sampling";
import type { PairCell } from "../../lib/ratings";
import type { Random } from "../../lib/random";

export interface WorldSpec {
  name: string;
  models: number;
  /** Standard deviation of the true ratings, in rating points. */
  spread: number;
  prompts: number;
  /** Share of prompts each model has a clip for (1: every model on every prompt). */
  coverage: number;
  /** "flat": 10% ties whatever the strengths; "davidson": Davidson's model, ties likelier for close pairs. */
  ties: "flat" | "davidson";
  /** Vote count at which one more model joins (its truth drawn like the others'); none if absent. */
  newModelAt?: number;
}

export interface World {
  truth: Map<string, number>;
  /** Catalogue before and after the new model joins (the same array when none joins). */
  catalogue: SamplerPrompt[];
  catalogueWithNew: SamplerPrompt[];
  newModel?: string;
}

const FLAT_TIE_RATE = 0.1;
/** Davidson's ν: an 11% tie rate between equal models. */
const DAVIDSON_NU = 0.25;

/** Truth and catalogue of one replicate; the same seed gives the same world to both arms. */
export function createWorld(spec: WorldSpec, random: Random): World {
  const gaussian = createGaussian(random);
  const names = Array.from(
    { length: spec.models + (spec.newModelAt ? 1 : 0) },
    (_, m) => `m${String(m).padStart(2, "0")}`,
  );
  const truth = new Map(names.map((name) => [name, spec.spread * gaussian()]));
  const covers = new Map(
    names.map((name) => [name, Array.from({ length: spec.prompts }, () => random() < spec.coverage)]),
  );
  const build = (models: string[]) =>
    Array.from({ length: spec.prompts }, (_, p) => ({
      id: `p${p}`,
      clips: models.filter((m) => covers.get(m)?.[p]).map((m) => ({ id: `p${p}-${m}`, modelId: m })),
    }));
  const newModel = spec.newModelAt ? names[names.length - 1] : undefined;
  const catalogue = build(names.filter((n) => n !== newModel));
  return { truth, catalogue, catalogueWithNew: newModel ? build(names) : catalogue, newModel };
}

/** The voter's answer to a battle under the world's tie model. */
export function simulateOutcome(
  spec: WorldSpec,
  truth: ReadonlyMap<string, number>,
  battle: SampledBattle,
  random: Random,
): VoteGroup["outcome"] {
  const left = 10 ** ((truth.get(battle.left.modelId) as number) / 400);
  const right = 10 ** ((truth.get(battle.right.modelId) as number) / 400);
  const u = random();
  if (spec.ties === "flat") {
    if (u < FLAT_TIE_RATE) return "tie";
    return random() < left / (left + right) ? "left" : "right";
  }
  const tie = DAVIDSON_NU * Math.sqrt(left * right);
  const total = left + right + tie;
  return u < left / total ? "left" : u < (left + right) / total ? "right" : "tie";
}

/** Votes so far, kept as ordered cells (what lib/ratings reads). */
export class VoteTally {
  readonly #cells = new Map<string, PairCell>();
  /** Votes per model (either side). */
  readonly perModel = new Map<string, number>();

  add(battle: SampledBattle, outcome: VoteGroup["outcome"]): void {
    this.addPair(battle.left.modelId, battle.right.modelId, outcome);
  }

  /** One pair vote between `left` and `right` (a pair battle's, or one of a quad's rank-broken pairs). */
  addPair(left: string, right: string, outcome: VoteGroup["outcome"]): void {
    for (const model of [left, right]) this.perModel.set(model, (this.perModel.get(model) ?? 0) + 1);
    const key = `${left}\u0000${right}`;
    const cell = this.#cells.get(key) ?? {
      modelA: left,
      modelB: right,
      winsA: 0,
      winsB: 0,
      ties: 0,
      bothBad: 0,
    };
    if (outcome === "left") cell.winsA += 1;
    else if (outcome === "right") cell.winsB += 1;
    else if (outcome === "tie") cell.ties += 1;
    else cell.bothBad += 1;
    this.#cells.set(key, cell);
  }

  cells(): PairCell[] {
    return [...this.#cells.values()];
  }

  /** The rows `db.vote.groupBy(leftModelId, rightModelId, outcome)` returns in the app. */
  groups(): VoteGroup[] {
    return this.cells().flatMap((c) => [
      { leftModelId: c.modelA, rightModelId: c.modelB, outcome: "left" as const, count: c.winsA },
      { leftModelId: c.modelA, rightModelId: c.modelB, outcome: "right" as const, count: c.winsB },
      { leftModelId: c.modelA, rightModelId: c.modelB, outcome: "tie" as const, count: c.ties },
      { leftModelId: c.modelA, rightModelId: c.modelB, outcome: "both_bad" as const, count: c.bothBad },
    ]);
  }
}

/**
 * The arms compared: the app's sampler, uniform pairs, and the simple rule "the model with the
 * fewest votes against a uniformly drawn other model it shares a prompt with".
 */
export type Arm = "sampler" | "uniform" | "fewest";

/** How often the sampler's aggregate state is refreshed, in votes (the app caches it for 5 s). */
const REFRESH_EVERY = 50;

/**
 * The sampler's posterior as the app keeps it: estimated from the tally (loadVoteStats's way) at
 * the first draw and again every REFRESH_EVERY draws. Call once per draw.
 */
export function refreshedPosterior(tally: VoteTally): () => StrengthPosterior {
  let posterior: StrengthPosterior = estimateStrengths([]);
  let drawn = 0;
  return () => {
    if (drawn % REFRESH_EVERY === 0) posterior = estimateStrengths(tallyPairs(tally.groups()));
    drawn += 1;
    return posterior;
  };
}

/**
 * Draws battles for one arm: the app's sampleBattle with estimates refreshed from the tally the way
 * loadVoteStats computes them, or uniform pairs (a uniform pair among those sharing a prompt, then
 * a uniform shared prompt, clips and sides).
 */
export function createDrawer(arm: Arm, tally: VoteTally, random: Random) {
  const current = refreshedPosterior(tally);
  return (prompts: SamplerPrompt[]): SampledBattle => {
    if (arm === "uniform") return drawUniform(prompts, random);
    if (arm === "fewest") return drawFewest(prompts, tally, random);
    const battle = sampleBattle({ prompts, posterior: current() }, random);
    if (!battle) throw new Error("the simulated catalogue has no pair");
    return battle;
  };
}

const sharedPrompts = new WeakMap<SamplerPrompt[], Map<string, SamplerPrompt[]>>();

/** Prompts per model pair that shares one, computed once per catalogue. */
function promptsByPair(prompts: SamplerPrompt[]): Map<string, SamplerPrompt[]> {
  const known = sharedPrompts.get(prompts);
  if (known) return known;
  const pairs = new Map<string, SamplerPrompt[]>();
  for (const prompt of prompts) {
    const models = [...new Set(prompt.clips.map((c) => c.modelId))].sort();
    for (let a = 0; a < models.length; a += 1) {
      for (let b = a + 1; b < models.length; b += 1) {
        const key = `${models[a]}\u0000${models[b]}`;
        const list = pairs.get(key) ?? [];
        list.push(prompt);
        pairs.set(key, list);
      }
    }
  }
  sharedPrompts.set(prompts, pairs);
  return pairs;
}

function drawUniform(prompts: SamplerPrompt[], random: Random): SampledBattle {
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
  const pairs = promptsByPair(prompts);
  const key = pick([...pairs.keys()]);
  const [a, b] = key.split("\u0000") as [string, string];
  const prompt = pick(pairs.get(key) as SamplerPrompt[]);
  const first = pick(prompt.clips.filter((c) => c.modelId === a));
  const second = pick(prompt.clips.filter((c) => c.modelId === b));
  return random() < 0.5
    ? { promptId: prompt.id, left: first, right: second }
    : { promptId: prompt.id, left: second, right: first };
}

const partnerLists = new WeakMap<SamplerPrompt[], Map<string, string[]>>();

/** Per model, the models it shares a prompt with, computed once per catalogue. */
function partnersOf(prompts: SamplerPrompt[]): Map<string, string[]> {
  const known = partnerLists.get(prompts);
  if (known) return known;
  const partners = new Map<string, string[]>();
  for (const key of promptsByPair(prompts).keys()) {
    const [a, b] = key.split("\u0000") as [string, string];
    partners.set(a, [...(partners.get(a) ?? []), b]);
    partners.set(b, [...(partners.get(b) ?? []), a]);
  }
  partnerLists.set(prompts, partners);
  return partners;
}

/**
 * The fewest-votes rule: the catalogue's model with the fewest votes so far (ties broken
 * uniformly), against a uniformly drawn model that shares a prompt with it; then a uniform shared
 * prompt, clips and sides.
 */
function drawFewest(prompts: SamplerPrompt[], tally: VoteTally, random: Random): SampledBattle {
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
  const pairs = promptsByPair(prompts);
  const partners = partnersOf(prompts);
  let fewest: string[] = [];
  let least = Number.POSITIVE_INFINITY;
  for (const model of [...partners.keys()].sort()) {
    const votes = tally.perModel.get(model) ?? 0;
    if (votes < least) [fewest, least] = [[model], votes];
    else if (votes === least) fewest.push(model);
  }
  const model = pick(fewest);
  const other = pick(partners.get(model) as string[]);
  const [a, b] = model < other ? [model, other] : [other, model];
  const prompt = pick(pairs.get(`${a}\u0000${b}`) as SamplerPrompt[]);
  const first = pick(prompt.clips.filter((c) => c.modelId === model));
  const second = pick(prompt.clips.filter((c) => c.modelId === other));
  return random() < 0.5
    ? { promptId: prompt.id, left: first, right: second }
    : { promptId: prompt.id, left: second, right: first };
}
