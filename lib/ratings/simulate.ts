import type { Random } from "../random";
import { BASE, type RatedBattle, type RatedQuad, SCALE, type Winner } from "./types";

const NATS_PER_POINT = Math.log(BASE) / SCALE;

export interface SimulationOptions {
  /** True ratings per model, on the 400-point scale. */
  strengths: Record<string, number>;
  votes: number;
  /** Share of votes that are ties / both-bad (default 0.1 and 0.05). */
  tieRate?: number;
  bothBadRate?: number;
  /**
   * "constant" (default): ties and both-bad votes at fixed rates whatever the gap. "davidson":
   * ties follow Davidson's (1970) model, likelier between close models; the two rates are then
   * the shares between equal models.
   */
  tieModel?: "constant" | "davidson";
  /** Extra rating points the left clip gets (position bias), default 0. */
  leftAdvantage?: number;
  /** Categories to spread votes over, uniformly (default none). */
  categories?: string[];
}

export interface SimulatedBattle extends RatedBattle {
  category?: string;
}

/**
 * Votes drawn from a Bradley-Terry world with known strengths: a uniform random pair, random
 * sides, then tie / both-bad (fixed rates, or Davidson's strength-dependent ties), else a win
 * with the Bradley-Terry probability of the gap: in both tie worlds the true rating is the
 * decisive-preference strength. Used by the recovery tests and the benchmarks.
 */
export function* simulateBattles(options: SimulationOptions, random: Random): Generator<SimulatedBattle> {
  const models = Object.keys(options.strengths);
  const tieRate = options.tieRate ?? 0.1;
  const bothBadRate = options.bothBadRate ?? 0.05;
  const advantage = options.leftAdvantage ?? 0;
  const equalTies = tieRate + bothBadRate;
  const nu = (2 * equalTies) / (1 - equalTies);
  for (let n = 0; n < options.votes; n += 1) {
    const i = Math.floor(random() * models.length);
    let j = Math.floor(random() * (models.length - 1));
    if (j >= i) j += 1;
    const modelA = models[i] as string;
    const modelB = models[j] as string;
    const u = random();
    const diff = (options.strengths[modelA] as number) + advantage - (options.strengths[modelB] as number);
    // Davidson: P(tie) = ν / (2 cosh(d/2) + ν), with ν set so equal models tie at the given rates.
    const scaleTies =
      options.tieModel === "davidson" ? (2 + nu) / (2 * Math.cosh((diff * NATS_PER_POINT) / 2) + nu) : 1;
    let winner: Winner;
    if (u < tieRate * scaleTies) winner = "tie";
    else if (u < (tieRate + bothBadRate) * scaleTies) winner = "tie (bothbad)";
    else winner = random() < 1 / (1 + BASE ** (-diff / SCALE)) ? "model_a" : "model_b";
    const category = options.categories
      ? options.categories[Math.floor(random() * options.categories.length)]
      : undefined;
    yield category ? { modelA, modelB, winner, category } : { modelA, modelB, winner };
  }
}

export interface QuadSimulationOptions {
  /** True ratings per model, on the 400-point scale (at least four models). */
  strengths: Record<string, number>;
  votes: number;
  /** Share of "all bad" votes, drawn whatever the four models (default 0.05). */
  allBadRate?: number;
  /**
   * How the voter chooses (default "sequential"): the best by Luce's choice, then the worst of the
   * other three; "plackett-luce": a whole Plackett-Luce ranking of the four (Gumbel noise on θ),
   * whose top and bottom are reported.
   */
  choice?: "sequential" | "plackett-luce";
}

/**
 * Quad votes drawn from a world with known strengths θ (natural-log scale from the ratings): four
 * distinct models uniformly at random in random shown order; then, unless "all bad", the best with
 * Luce's choice probabilities e^θ_i / Σ e^θ and the worst of the other three with e^−θ_j / Σ e^−θ
 * (sequential best-worst, Marley & Louviere 2005): the world in which rank breaking's 5 pairs
 * recover θ (rank-breaking.ts). With `choice: "plackett-luce"` the top and bottom of a whole
 * Plackett-Luce ranking instead, where they overstate the gaps (docs/ratings.md). Used by the quad
 * coverage bench and the unit tests.
 */
export function* simulateQuads(options: QuadSimulationOptions, random: Random): Generator<RatedQuad> {
  const models = Object.keys(options.strengths);
  const allBadRate = options.allBadRate ?? 0.05;
  const choose = (weights: number[]) => {
    let u = random() * weights.reduce((s, w) => s + w, 0);
    for (let i = 0; i < weights.length; i += 1) if ((u -= weights[i] as number) < 0) return i;
    return weights.length - 1;
  };
  for (let n = 0; n < options.votes; n += 1) {
    const shown: string[] = [];
    while (shown.length < 4) {
      const model = models[Math.floor(random() * models.length)] as string;
      if (!shown.includes(model)) shown.push(model);
    }
    const quad = shown as unknown as RatedQuad["models"];
    if (random() < allBadRate) {
      yield { models: quad, best: null, worst: null };
      continue;
    }
    const theta = shown.map((m) => (options.strengths[m] as number) * NATS_PER_POINT);
    if (options.choice === "plackett-luce") {
      // Utilities θ + Gumbel noise: their order is a Plackett-Luce ranking.
      const utility = theta.map((t) => t - Math.log(-Math.log(1 - random())));
      const order = [0, 1, 2, 3].sort((x, y) => (utility[y] as number) - (utility[x] as number));
      yield { models: quad, best: order[0] as 0 | 1 | 2 | 3, worst: order[3] as 0 | 1 | 2 | 3 };
      continue;
    }
    const best = choose(theta.map((t) => Math.exp(t)));
    const rest = [0, 1, 2, 3].filter((i) => i !== best);
    const worst = rest[choose(rest.map((i) => Math.exp(-(theta[i] as number))))] as number;
    yield { models: quad, best: best as 0 | 1 | 2 | 3, worst: worst as 0 | 1 | 2 | 3 };
  }
}
