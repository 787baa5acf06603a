import { type Random, seededRandom } from "../random";
import { type BradleyTerryDesign, derivatives, fitBradleyTerryDesign, type OutcomeCounts } from "./bt-solver";
import { TIE_RIDGE } from "./bt-fit";
import { factorSpd, solveFactored } from "./cholesky";
import { buildPairTable, connectedComponents } from "./pairs";
import { buildRatingScale, contrast, POINTS_PER_NAT, type RatingScale, toDisplayed } from "./rating-scale";
import { createGaussian, resampleMultinomial } from "./sampling";
import { quantile, type RatingInterval, summarise } from "./summary";
import type { LeaderboardRow, PairCell } from "./types";

/**
 * The clip properties style control separates from model strength, each as the difference
 * "left clip minus right clip" in the unit its effect is reported per.
 */
export const STYLE_FEATURES = {
  duration: { unit: "second", describe: "clip length, seconds" },
  resolution: { unit: "doubling of pixels", describe: "log₂ of width × height" },
  fps: { unit: "frame per second", describe: "frame rate" },
  audio: { unit: "clip with sound", describe: "1 with sound, 0 silent" },
} as const;

export type StyleFeature = keyof typeof STYLE_FEATURES;
export const STYLE_FEATURE_NAMES = Object.keys(STYLE_FEATURES) as StyleFeature[];

/** What style control needs to know about one clip. */
export interface ClipStyle {
  durationMs: number;
  width: number;
  height: number;
  /** Frames per second; null where unknown (the feature then counts as equal on both sides). */
  frameRate: number | null;
  /** Whether the clip was played with sound. */
  audio: boolean;
}

/** Votes of one ordered model pair whose clips had the same feature differences. */
export interface StyledCell {
  modelA: string;
  modelB: string;
  /** Left minus right, in STYLE_FEATURES' units, in the order of the fit's `features`. */
  differences: number[];
  winsA: number;
  winsB: number;
  /** Ties and both-bad votes: ties of Davidson's model, as in the plain Bradley-Terry fit. */
  ties: number;
}

/** The feature differences of one battle, left minus right, in STYLE_FEATURES' units. */
export function styleDifferences(left: ClipStyle, right: ClipStyle, features: readonly StyleFeature[]): number[] {
  return features.map((feature) => {
    switch (feature) {
      case "duration":
        return (left.durationMs - right.durationMs) / 1000;
      case "resolution":
        return Math.log2(left.width * left.height) - Math.log2(right.width * right.height);
      case "fps":
        return left.frameRate === null || right.frameRate === null ? 0 : left.frameRate - right.frameRate;
      case "audio":
        return Number(left.audio) - Number(right.audio);
    }
  });
}

export interface StyleEffect {
  feature: StyleFeature;
  unit: string;
  /** Rating points a clip gains per unit of this feature over its opponent, other things equal. */
  points: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  /**
   * False when the votes cannot separate this feature from the models: no vote had the clips
   * differ in it, or every model's clips share one value of it (it is then the model's own).
   */
  estimable: boolean;
}

export interface StyleControlResult {
  features: StyleFeature[];
  /**
   * Rows as the plain fit's (LeaderboardRow): by connected group (largest first), then rating;
   * rank (UB) only within a group; a side the votes cannot bound is null.
   */
  rows: LeaderboardRow[];
  /** Groups of models connected by votes; ratings compare only within a group. */
  components: string[][];
  effects: StyleEffect[];
  params: { bootstrap: number; seed: number };
}

const Z95 = 1.959964;
/** The same weak Gaussian prior on strengths as the plain fit; a much weaker one on effects. */
const STRENGTH_RIDGE = 1e-3;
const EFFECT_RIDGE = 1e-6;
const MAX_ITERATIONS = 100;
const TOLERANCE = 1e-9;

interface Design {
  models: string[];
  a: Int32Array;
  b: Int32Array;
  x: Float64Array[];
  features: number;
  /** Per cell: left's wins, right's wins, ties — the three categories the bootstrap resamples. */
  counts: Float64Array;
}

/**
 * Votes folded into style-control cells: one per ordered model pair and feature differences, so
 * the cells grow with distinct clip pairs, never with votes. The leaderboard's recompute and the
 * ratings CLI fill one each; order of addition does not matter (the fit sorts its cells).
 */
export class StyledCellTable {
  private readonly cells = new Map<string, StyledCell>();

  /**
   * Adds `count` votes (default one) with the same models, differences and winner; a tie or a
   * both-bad vote is a tie of Davidson's model in the fit.
   */
  add(modelA: string, modelB: string, differences: number[], winner: "a" | "b" | "tie", count = 1): void {
    const key = `${modelA}\u0000${modelB}\u0000${differences.join(",")}`;
    let cell = this.cells.get(key);
    if (!cell) this.cells.set(key, (cell = { modelA, modelB, differences, winsA: 0, winsB: 0, ties: 0 }));
    if (winner === "a") cell.winsA += count;
    else if (winner === "b") cell.winsB += count;
    else cell.ties += count;
  }

  toCells(): StyledCell[] {
    return [...this.cells.values()];
  }
}
/** Orders cells by model pair, then differences: a key that does not depend on the votes' order. */
function compareCells(x: StyledCell, y: StyledCell): number {
  if (x.modelA !== y.modelA) return x.modelA < y.modelA ? -1 : 1;
  if (x.modelB !== y.modelB) return x.modelB < y.modelB ? -1 : 1;
  for (let f = 0; f < x.differences.length; f += 1) {
    const d = (x.differences[f] as number) - (y.differences[f] as number);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * The fit's design from the cells, sorted (compareCells): the bootstrap draws its resamples cell by
 * cell, so the same votes given in another order must give the same cells in the same order.
 */
function buildDesign(cells: readonly StyledCell[], featureCount: number): Design {
  const models = [...new Set(cells.flatMap((c) => [c.modelA, c.modelB]))].sort();
  const index = new Map(models.map((m, i) => [m, i]));
  const kept = cells.filter((c) => c.modelA !== c.modelB && c.winsA + c.winsB + c.ties > 0).sort(compareCells);
  const counts = new Float64Array(3 * kept.length);
  kept.forEach((c, i) => {
    counts[i] = c.winsA;
    counts[kept.length + i] = c.winsB;
    counts[2 * kept.length + i] = c.ties;
  });
  return {
    models,
    a: Int32Array.from(kept, (c) => index.get(c.modelA) as number),
    b: Int32Array.from(kept, (c) => index.get(c.modelB) as number),
    x: kept.map((c) => Float64Array.from(c.differences)),
    features: featureCount,
    counts,
  };
}

/** The contextual design on the shared solver: strengths, effects, ln ν (Davidson ties, as the plain fit). */
function solverDesign(design: Design): BradleyTerryDesign {
  const k = design.models.length;
  // Strengths, effects, then Davidson's ln ν (the plain fit's tie model and prior).
  const ridge = new Float64Array(k + design.features + 1);
  ridge.fill(STRENGTH_RIDGE, 0, k);
  ridge.fill(EFFECT_RIDGE, k);
  ridge[k + design.features] = TIE_RIDGE;
  return {
    strengths: k,
    first: design.a,
    second: design.b,
    covariates: design.x,
    features: design.features,
    ties: "davidson",
    ridge,
  };
}

/** The three outcome counts of `counts` (left's wins, right's wins, ties: cells each). */
function outcomeCounts(counts: Float64Array, cells: number): OutcomeCounts {
  return {
    firstWins: counts.subarray(0, cells),
    secondWins: counts.subarray(cells, 2 * cells),
    ties: counts.subarray(2 * cells, 3 * cells),
  };
}

/**
 * Maximum penalised likelihood of P(left wins) = σ(θ_left − θ_right + βᵀx) by the shared
 * Bradley-Terry solver (every step checked against the likelihood); x are the cell's feature
 * differences. Returns θ (natural-log strengths) then β.
 */
function fitContextual(design: Design, counts: Float64Array, start?: Float64Array): Float64Array {
  return fitBradleyTerryDesign(solverDesign(design), outcomeCounts(counts, design.a.length), {
    tolerance: TOLERANCE,
    maxIterations: MAX_ITERATIONS,
    checkAbove: 0,
    ...(start ? { start } : {}),
  });
}

/**
 * Standard errors, in rating points, of each displayed rating and each effect at the estimate
 * (Wald: the inverse observed information of the penalised likelihood).
 */
function waldErrors(design: Design, scale: RatingScale, point: Float64Array): Float64Array {
  const k = design.models.length;
  const n = k + design.features;
  const all = point.length;
  const negHessian = new Float64Array(all * all);
  derivatives(
    solverDesign(design),
    outcomeCounts(design.counts, design.a.length),
    point,
    new Float64Array(all),
    negHessian,
  );
  factorSpd(negHessian, all);
  return Float64Array.from({ length: n }, (_, i) => {
    const c = new Float64Array(all);
    if (i < k) c.set(contrast(scale, i, k));
    else c[i] = 1;
    const u = solveFactored(negHessian, c, all);
    return (
      POINTS_PER_NAT *
      Math.sqrt(
        Math.max(
          0,
          c.reduce((sum, x, j) => sum + x * (u[j] as number), 0),
        ),
      )
    );
  });
}

function votesPerModel(design: Design, counts: Float64Array): Float64Array {
  const cells = design.a.length;
  const votes = new Float64Array(design.models.length);
  for (let c = 0; c < cells; c += 1) {
    const total = (counts[c] as number) + (counts[cells + c] as number) + (counts[2 * cells + c] as number);
    votes[design.a[c] as number] = (votes[design.a[c] as number] as number) + total;
    votes[design.b[c] as number] = (votes[design.b[c] as number] as number) + total;
  }
  return votes;
}

/**
 * Whether feature f's differences are those of a per-model value: x_f(cell) = v(left) − v(right)
 * for some v, on every cell with votes (all zero included). Then the feature is the models' own
 * (a model that renders every clip at 720p): its effect and the strengths cannot be told apart,
 * and fitting it would only trade one for the other within the ridge.
 */
function isModelProperty(cells: readonly StyledCell[], f: number): boolean {
  const edges = new Map<string, { to: string; difference: number }[]>();
  const addEdge = (from: string, to: string, difference: number) => {
    const list = edges.get(from);
    if (list) list.push({ to, difference });
    else edges.set(from, [{ to, difference }]);
  };
  for (const c of cells) {
    if (c.winsA + c.winsB + c.ties === 0 || c.modelA === c.modelB) continue;
    const d = c.differences[f] as number;
    addEdge(c.modelA, c.modelB, d);
    addEdge(c.modelB, c.modelA, -d);
  }
  // v by search from each group's first model; any edge that disagrees is a within-model change.
  const value = new Map<string, number>();
  for (const start of edges.keys()) {
    if (value.has(start)) continue;
    value.set(start, 0);
    const stack = [start];
    while (stack.length > 0) {
      const model = stack.pop() as string;
      const v = value.get(model) as number;
      for (const { to, difference } of edges.get(model) ?? []) {
        const expected = v - difference;
        const known = value.get(to);
        if (known === undefined) {
          value.set(to, expected);
          stack.push(to);
        } else if (Math.abs(known - expected) > 1e-9 * Math.max(1, Math.abs(expected))) return false;
      }
    }
  }
  return true;
}

/**
 * Style-controlled Bradley-Terry ratings: a contextual Bradley-Terry model (logistic regression
 * on the model indicators plus the clips' feature differences) fitted jointly, so a model is not
 * credited for what voters reward in any clip — a longer, sharper or smoother clip. This is the
 * method of LMArena's style control ("Does style matter? Disentangling style and substance in
 * Chatbot Arena", Li et al., 2024), with video features in place of answer length and markdown.
 *
 * Ratings are on the published scale (base 10, 400 points) with the plain fit's zero (RatingScale:
 * each connected group centred on the vote-weighted mean of its core), so they sit beside the raw
 * ones; rows carry their group and rank (UB) within it only. Each feature's effect is in rating
 * points per unit (a second, a doubling of pixels, a frame per second, sound against silence).
 * 95% intervals: a percentile bootstrap over votes (one multinomial over cells × outcomes, as the
 * plain fit), each side widened to the Wald bound where that is wider — at a handful of votes the
 * bootstrap collapses (a cell resampled from identical votes is that cell again). A side the votes
 * cannot bound (Ford's condition, as in the plain fit: e.g. a model with only wins) is null: open.
 * A feature the votes cannot separate from the models (no vote varies it, or each model's clips all
 * share one value, see isModelProperty) is left out of the fit and reported as not estimable. Seeded, and
 * independent of the cells' order: the same votes and seed give the same numbers.
 * @param cells votes grouped by ordered model pair and feature differences (`styleDifferences`)
 * @param features the features, in the order of each cell's `differences`
 * @throws RangeError when a cell's differences do not match `features` in length
 */
export function computeStyleControl(
  cells: readonly StyledCell[],
  features: readonly StyleFeature[],
  options: { bootstrap?: number; seed?: number } = {},
): StyleControlResult {
  const bootstrap = options.bootstrap ?? 1000;
  const seed = options.seed ?? 42;
  for (const cell of cells) {
    if (cell.differences.length !== features.length) {
      throw new RangeError(
        `style control: a cell has ${cell.differences.length} differences for ${features.length} features`,
      );
    }
  }
  const varying = features.map((_, f) => !isModelProperty(cells, f));
  const used = features.filter((_, f) => varying[f]);
  const design = buildDesign(
    cells.map((c) => ({ ...c, differences: c.differences.filter((_, f) => varying[f]) })),
    used.length,
  );
  const k = design.models.length;
  // The model pairs alone decide groups, cores and which sides are open, as for the plain fit.
  const pairCells: PairCell[] = cells.map(({ modelA, modelB, winsA, winsB, ties }) => ({
    modelA,
    modelB,
    winsA,
    winsB,
    ties,
    bothBad: 0,
  }));
  const table = buildPairTable(pairCells);
  const components = connectedComponents(table);
  const scale = buildRatingScale(table, components, votesPerModel(design, design.counts));
  const point = fitContextual(design, design.counts);
  const pointRatings = toDisplayed(point.subarray(0, k), scale);
  const errors = waldErrors(design, scale, point);

  const samples = Array.from({ length: k + used.length }, () => new Float64Array(bootstrap));
  const random: Random = seededRandom(seed);
  const gaussian = createGaussian(random);
  const drawn = new Float64Array(design.counts.length);
  for (let round = 0; round < bootstrap; round += 1) {
    resampleMultinomial(design.counts, drawn, random, gaussian);
    const params = fitContextual(design, drawn, point);
    const ratings = toDisplayed(params.subarray(0, k), scale);
    for (let i = 0; i < k; i += 1) (samples[i] as Float64Array)[round] = ratings[i] as number;
    for (let f = 0; f < used.length; f += 1)
      (samples[k + f] as Float64Array)[round] = POINTS_PER_NAT * (params[k + f] as number);
  }
  /** The closed 95% interval of parameter i around `value`: the wider of bootstrap and Wald. */
  const interval = (i: number, value: number): [number, number] => {
    const half = Z95 * (errors[i] as number);
    if (bootstrap === 0) return [value - half, value + half];
    const sorted = (samples[i] as Float64Array).sort();
    return [Math.min(quantile(sorted, 0.025), value - half), Math.max(quantile(sorted, 0.975), value + half)];
  };

  const ratings = new Map<string, RatingInterval>(
    design.models.map((model, i) => {
      const rating = pointRatings[i] as number;
      const [low, high] = interval(i, rating);
      const group = scale.group[i] as number;
      return [model, { rating, ciLow: scale.openLow[i] ? null : low, ciHigh: scale.openHigh[i] ? null : high, group }];
    }),
  );
  const effects = features.map((feature): StyleEffect => {
    const f = used.indexOf(feature);
    if (f < 0)
      return { feature, unit: STYLE_FEATURES[feature].unit, points: null, ciLow: null, ciHigh: null, estimable: false };
    const points = POINTS_PER_NAT * (point[k + f] as number);
    const [ciLow, ciHigh] = interval(k + f, points);
    return { feature, unit: STYLE_FEATURES[feature].unit, points, ciLow, ciHigh, estimable: true };
  });
  return {
    features: [...features],
    rows: summarise(pairCells, ratings).rows,
    components,
    effects,
    params: { bootstrap, seed },
  };
}
