import { describe, expect, test } from "vitest";
import {
  type BradleyTerryDesign,
  derivatives,
  fitBradleyTerryDesign,
  logLikelihood,
  type OutcomeCounts,
  parameterCount,
} from "@/lib/ratings/bt-solver";

const counts = (w: number[], l: number[], t: number[]): OutcomeCounts => ({
  firstWins: Float64Array.from(w),
  secondWins: Float64Array.from(l),
  ties: Float64Array.from(t),
});

function twoModels(ties: "half" | "davidson", ridge = 0): BradleyTerryDesign {
  const n = ties === "davidson" ? 3 : 2;
  // A zero ridge leaves the strengths' sum free: pin it with a tiny ridge on the second model only.
  const r = new Float64Array(n).fill(ridge);
  r[1] = 1e-9;
  return { strengths: 2, first: Int32Array.of(0), second: Int32Array.of(1), features: 0, ties, ridge: r };
}

describe("the one Bradley-Terry solver", () => {
  test("half a win, two models: the closed form logit((w + t/2) / n)", () => {
    const fit = fitBradleyTerryDesign(twoModels("half"), counts([50], [30], [20]));
    expect((fit[0] as number) - (fit[1] as number)).toBeCloseTo(Math.log(60 / 40), 6);
  });

  test("Davidson, two models: the saturated multinomial's closed form d = ln(w/l), ν = t/√(wl)", () => {
    const fit = fitBradleyTerryDesign(twoModels("davidson"), counts([50], [30], [20]));
    expect((fit[0] as number) - (fit[1] as number)).toBeCloseTo(Math.log(50 / 30), 6);
    expect(Math.exp(fit[2] as number)).toBeCloseTo(20 / Math.sqrt(50 * 30), 6);
  });

  test("Davidson without ties is the plain fit of the decisive votes", () => {
    const davidson = fitBradleyTerryDesign(twoModels("davidson"), counts([40], [10], [0]));
    const half = fitBradleyTerryDesign(twoModels("half"), counts([40], [10], [0]));
    expect((davidson[0] as number) - (davidson[1] as number)).toBeCloseTo((half[0] as number) - (half[1] as number), 9);
  });

  test("gradient and Hessian agree with finite differences of the likelihood (Davidson with covariates)", () => {
    const design: BradleyTerryDesign = {
      strengths: 3,
      first: Int32Array.of(0, 1, 0, 2),
      second: Int32Array.of(1, 2, 2, 0),
      covariates: [Float64Array.of(1, 0), Float64Array.of(-2, 1), Float64Array.of(0.5, -1), Float64Array.of(0, 2)],
      features: 2,
      ties: "davidson",
      ridge: new Float64Array(6).fill(0.01),
    };
    const c = counts([7, 3, 5, 2], [2, 6, 1, 4], [3, 1, 2, 5]);
    const n = parameterCount(design);
    const at = Float64Array.of(0.3, -0.2, 0.1, 0.25, -0.4, -0.7);
    const gradient = new Float64Array(n);
    const negHessian = new Float64Array(n * n);
    derivatives(design, c, at, gradient, negHessian);
    const h = 1e-5;
    const shifted = (i: number, by: number) => at.map((v, j) => (j === i ? v + by : v));
    for (let i = 0; i < n; i += 1) {
      const numeric = (logLikelihood(design, c, shifted(i, h)) - logLikelihood(design, c, shifted(i, -h))) / (2 * h);
      expect(gradient[i]).toBeCloseTo(numeric, 5);
      const gPlus = new Float64Array(n);
      const gMinus = new Float64Array(n);
      derivatives(design, c, shifted(i, h), gPlus, new Float64Array(n * n));
      derivatives(design, c, shifted(i, -h), gMinus, new Float64Array(n * n));
      for (let j = 0; j < n; j += 1)
        expect(negHessian[j * n + i]).toBeCloseTo(-((gPlus[j] as number) - (gMinus[j] as number)) / (2 * h), 4);
    }
  });

  test("the fit is a maximum: the gradient vanishes there (three models, covariates, Davidson)", () => {
    const design: BradleyTerryDesign = {
      strengths: 3,
      first: Int32Array.of(0, 1, 0),
      second: Int32Array.of(1, 2, 2),
      covariates: [Float64Array.of(1), Float64Array.of(-1), Float64Array.of(2)],
      features: 1,
      ties: "davidson",
      ridge: new Float64Array(5).fill(1e-3),
    };
    const c = counts([30, 20, 25], [10, 15, 5], [8, 12, 6]);
    const fit = fitBradleyTerryDesign(design, c);
    const gradient = new Float64Array(5);
    derivatives(design, c, fit, gradient, new Float64Array(25));
    for (const g of gradient) expect(Math.abs(g)).toBeLessThan(1e-8);
  });
});
