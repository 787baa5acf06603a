import { describe, expect, test } from "vitest";
import { seededRandom } from "@/lib/random";
import { aggregateBattles, computeBradleyTerry, type RatedBattle } from "@/lib/ratings";
import {
  type ClipStyle,
  computeStyleControl,
  type StyledCell,
  styleDifferences,
  type StyleFeature,
} from "@/lib/ratings/style-control";

const FEATURES: StyleFeature[] = ["duration", "resolution", "fps", "audio"];
/** Rating points voters give a clip per extra second, whatever the model. */
const POINTS_PER_SECOND = 60;

/**
 * A world where clip length, not the model, decides many votes: the two strongest models make
 * short clips, the weakest long ones, and voters favour the longer clip by 60 points a second.
 */
function simulateLengthBiasedVotes(votes: number, seed: number) {
  const random = seededRandom(seed);
  const models = ["m0", "m1", "m2", "m3", "m4", "m5"];
  const truth: Record<string, number> = { m0: 1100, m1: 1060, m2: 1020, m3: 980, m4: 940, m5: 900 };
  const seconds: Record<string, number> = { m0: 2, m1: 3, m2: 4, m3: 5, m4: 7, m5: 8 };
  const cells = new Map<string, StyledCell>();
  const battles: RatedBattle[] = [];
  for (let n = 0; n < votes; n += 1) {
    const i = Math.floor(random() * models.length);
    let j = Math.floor(random() * (models.length - 1));
    if (j >= i) j += 1;
    const [a, b] = [models[i] as string, models[j] as string];
    // Lengths vary by whole seconds (±2) around each model's habit, so length and model are not
    // collinear, and the votes still fall into few cells.
    const clip = (m: string): ClipStyle => ({
      durationMs: ((seconds[m] as number) + Math.floor(5 * random()) - 2) * 1000,
      width: 1280,
      height: 720,
      frameRate: 24,
      audio: false,
    });
    const [left, right] = [clip(a), clip(b)];
    const differences = styleDifferences(left, right, FEATURES);
    const diff = (truth[a] as number) - (truth[b] as number) + POINTS_PER_SECOND * (differences[0] as number);
    const leftWins = random() < 1 / (1 + 10 ** (-diff / 400));
    battles.push({ modelA: a, modelB: b, winner: leftWins ? "model_a" : "model_b" });
    const key = `${a}|${b}|${differences.join(",")}`;
    const cell = cells.get(key) ?? { modelA: a, modelB: b, differences, winsA: 0, winsB: 0, ties: 0 };
    if (leftWins) cell.winsA += 1;
    else cell.winsB += 1;
    cells.set(key, cell);
  }
  return { truth, cells: [...cells.values()], battles };
}

const order = (rows: { model: string }[]) => rows.map((r) => r.model).join(",");

describe("style control", () => {
  test("recovers the true strengths where clip length decides many votes; the raw fit does not", () => {
    const { truth, cells, battles } = simulateLengthBiasedVotes(20_000, 7);
    const raw = computeBradleyTerry(aggregateBattles(battles), { bootstrap: 0 });
    const controlled = computeStyleControl(cells, FEATURES, { bootstrap: 100, seed: 1 });

    expect(order(controlled.rows)).toBe("m0,m1,m2,m3,m4,m5");
    expect(order(raw.rows)).not.toBe("m0,m1,m2,m3,m4,m5");
    // Gaps to the strongest model: the controlled ones within 25 points of the truth (about two
    // standard errors at this size), the raw ones far off.
    const gapError = (rows: { model: string; rating: number }[]) => {
      const top = rows.find((r) => r.model === "m0")?.rating as number;
      return Math.max(
        ...rows.map((r) => Math.abs(top - r.rating - ((truth.m0 as number) - (truth[r.model] as number)))),
      );
    };
    expect(gapError(controlled.rows)).toBeLessThan(25);
    expect(gapError(raw.rows)).toBeGreaterThan(100);
    const duration = controlled.effects.find((e) => e.feature === "duration");
    expect(duration?.estimable).toBe(true);
    expect(duration?.ciLow).toBeLessThan(POINTS_PER_SECOND);
    expect(duration?.ciHigh).toBeGreaterThan(POINTS_PER_SECOND);
  });

  test("features no vote varies are reported as not estimable, and change nothing", () => {
    const { cells } = simulateLengthBiasedVotes(3_000, 3);
    const withAll = computeStyleControl(cells, FEATURES, { bootstrap: 0 });
    const durationOnly = computeStyleControl(
      cells.map((c) => ({ ...c, differences: [c.differences[0] as number] })),
      ["duration"],
      { bootstrap: 0 },
    );
    for (const feature of ["resolution", "fps", "audio"] as const) {
      expect(withAll.effects.find((e) => e.feature === feature)).toMatchObject({ estimable: false, points: null });
    }
    withAll.rows.forEach((row, i) => expect(row.rating).toBeCloseTo(durationOnly.rows[i]?.rating as number, 9));
  });

  test("a property each model's clips all share is the model's own: not estimable, and changes nothing", () => {
    const { cells } = simulateLengthBiasedVotes(3_000, 4);
    // Each model renders at its own resolution: the difference is a function of the model pair.
    const doublings: Record<string, number> = { m0: 0, m1: 1, m2: 1, m3: 2, m4: 0, m5: 3 };
    const withResolution = cells.map((c) => ({
      ...c,
      differences: [
        c.differences[0] as number,
        (doublings[c.modelA] as number) - (doublings[c.modelB] as number),
        0,
        0,
      ],
    }));
    const result = computeStyleControl(withResolution, FEATURES, { bootstrap: 0 });
    const durationOnly = computeStyleControl(
      cells.map((c) => ({ ...c, differences: [c.differences[0] as number] })),
      ["duration"],
      { bootstrap: 0 },
    );
    expect(result.effects.find((e) => e.feature === "resolution")).toMatchObject({ estimable: false, points: null });
    expect(result.effects.find((e) => e.feature === "duration")?.estimable).toBe(true);
    result.rows.forEach((row, i) => expect(row.rating).toBeCloseTo(durationOnly.rows[i]?.rating as number, 9));
  });

  test("with no style differences it equals the plain Bradley-Terry gaps", () => {
    const { battles } = simulateLengthBiasedVotes(4_000, 5);
    const cells: StyledCell[] = aggregateBattles(battles).map((c) => ({
      modelA: c.modelA,
      modelB: c.modelB,
      differences: [0],
      winsA: c.winsA,
      winsB: c.winsB,
      ties: c.ties + c.bothBad,
    }));
    const controlled = computeStyleControl(cells, ["duration"], { bootstrap: 0 });
    const raw = computeBradleyTerry(aggregateBattles(battles), { bootstrap: 0 });
    const gap = (rows: { model: string; rating: number }[]) =>
      (rows.find((r) => r.model === "m0")?.rating as number) - (rows.find((r) => r.model === "m5")?.rating as number);
    expect(gap(controlled.rows)).toBeCloseTo(gap(raw.rows), 3);
  });

  test("the differences are in the reported units", () => {
    const left: ClipStyle = { durationMs: 5000, width: 1280, height: 720, frameRate: 30, audio: true };
    const right: ClipStyle = { durationMs: 3500, width: 640, height: 360, frameRate: null, audio: false };
    expect(styleDifferences(left, right, FEATURES)).toEqual([1.5, 2, 0, 1]);
  });

  test("a cell whose differences do not match the features is refused", () => {
    const cell: StyledCell = { modelA: "a", modelB: "b", differences: [1, 2], winsA: 1, winsB: 0, ties: 0 };
    expect(() => computeStyleControl([cell], ["duration"])).toThrow(RangeError);
  });

  test("two groups never compared: each its own group, ranked (UB) only within it", () => {
    const cell = (modelA: string, modelB: string, winsA: number, winsB: number, seconds: number): StyledCell => ({
      modelA,
      modelB,
      differences: [seconds],
      winsA,
      winsB,
      ties: 0,
    });
    // a ≫ b by a wide margin; c and d, never compared with a or b, sit far below a's interval.
    const cells = [
      cell("a", "b", 90, 10, 1),
      cell("b", "a", 10, 90, -1),
      cell("a", "b", 40, 20, 0),
      cell("c", "d", 30, 30, 1),
      cell("d", "c", 25, 25, 0),
    ];
    const result = computeStyleControl(cells, ["duration"], { bootstrap: 100, seed: 2 });
    expect(result.components).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
    const row = (model: string) => result.rows.find((r) => r.model === model);
    expect(row("a")).toMatchObject({ group: 0, rank: 1 });
    expect(row("b")).toMatchObject({ group: 0, rank: 2 });
    // c and d are centred on their own: a's lower bound is above both, yet they rank 1 in their group.
    expect(row("c")).toMatchObject({ group: 1, rank: 1 });
    expect(row("d")).toMatchObject({ group: 1, rank: 1 });
    expect(row("a")?.ciLow).toBeGreaterThan(row("c")?.ciHigh as number);
    expect(result.rows.map((r) => r.group)).toEqual([0, 0, 1, 1]);
  });

  test("the interval opens on the side the votes cannot bound, never ±0", () => {
    // w won all its votes and l lost all of theirs; x and y are bounded by each other.
    const cells: StyledCell[] = [
      { modelA: "w", modelB: "x", differences: [2], winsA: 6, winsB: 0, ties: 0 },
      { modelA: "y", modelB: "w", differences: [-1], winsA: 0, winsB: 4, ties: 0 },
      { modelA: "x", modelB: "y", differences: [1], winsA: 5, winsB: 4, ties: 1 },
      { modelA: "x", modelB: "l", differences: [0], winsA: 3, winsB: 0, ties: 0 },
      { modelA: "l", modelB: "y", differences: [-2], winsA: 0, winsB: 2, ties: 0 },
    ];
    const result = computeStyleControl(cells, ["duration"], { bootstrap: 200, seed: 4 });
    const row = (model: string) => result.rows.find((r) => r.model === model);
    expect(row("w")?.ciHigh).toBeNull();
    expect(row("w")?.ciLow).toBeLessThan(row("w")?.rating as number);
    expect(row("l")?.ciLow).toBeNull();
    expect(row("l")?.ciHigh).toBeGreaterThan(row("l")?.rating as number);
    for (const model of ["x", "y"]) {
      expect(row(model)?.ciLow).toBeLessThan(row(model)?.rating as number);
      expect(row(model)?.ciHigh).toBeGreaterThan(row(model)?.rating as number);
    }
  });

  test("a single cell of identical votes still gets an interval wider than zero", () => {
    // Every bootstrap resample of 3–2 in one cell varies, but of 5 ties it is the cell itself.
    const cells: StyledCell[] = [{ modelA: "a", modelB: "b", differences: [1], winsA: 0, winsB: 0, ties: 5 }];
    const result = computeStyleControl(cells, ["duration"], { bootstrap: 200, seed: 4 });
    for (const row of result.rows) {
      expect(row.ciLow).not.toBeNull();
      expect((row.ciHigh as number) - (row.ciLow as number)).toBeGreaterThan(100);
    }
  });
});
