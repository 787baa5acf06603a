import { describe, expect, test } from "vitest";
import { seededRandom } from "@/lib/random";
import { aggregateBattles, computeBradleyTerry, type RatedBattle } from "@/lib/ratings";
import { fitStrengths, pairDesign } from "@/lib/ratings/bt-fit";
import { buildPairTable } from "@/lib/ratings/pairs";
import { createGaussian, resampleMultinomial } from "@/lib/ratings/sampling";
import { simulateBattles } from "@/lib/ratings/simulate";

function spearman(x: number[], y: number[]): number {
  const ranks = (v: number[]) => {
    const order = v.map((value, i) => [value, i] as const).sort((a, b) => a[0] - b[0]);
    const r = new Array<number>(v.length);
    order.forEach(([, i], rank) => (r[i] = rank));
    return r;
  };
  const [rx, ry] = [ranks(x), ranks(y)];
  const n = x.length;
  const d2 = rx.reduce((sum, r, i) => sum + (r - (ry[i] as number)) ** 2, 0);
  return 1 - (6 * d2) / (n * (n * n - 1));
}

const meanAndSd = (values: number[]) => {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return { mean, sd: Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1)) };
};

describe("recovery of known strengths", () => {
  test("20 models, 100k votes: the order is recovered (Spearman ≥ 0.99)", () => {
    const random = seededRandom(11);
    const strengths = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`m${i}`, 800 + random() * 400]));
    const result = computeBradleyTerry(aggregateBattles(simulateBattles({ strengths, votes: 100_000 }, random)), {
      bootstrap: 0,
    });
    const models = Object.keys(strengths);
    const estimated = models.map((m) => result.rows.find((r) => r.model === m)?.rating ?? NaN);
    expect(
      spearman(
        models.map((m) => strengths[m] as number),
        estimated,
      ),
    ).toBeGreaterThanOrEqual(0.99);
  });
});

describe("bootstrap over aggregated cells", () => {
  test("a multinomial resample of the cells matches resampling the votes themselves", () => {
    // The two procedures draw the same distribution; compare the bootstrap mean and spread of
    // every rating over 400 rounds each.
    const strengths = { a: 1080, b: 1020, c: 1000, d: 940 };
    const votes: RatedBattle[] = [...simulateBattles({ strengths, votes: 3000 }, seededRandom(5))];
    const table = buildPairTable(aggregateBattles(votes));
    const design = pairDesign(table, "davidson");
    const point = fitStrengths(design, table);
    const rounds = 400;
    const random = seededRandom(9);
    const gaussian = createGaussian(random);
    const pairs = table.first.length;
    const counts = new Float64Array([...table.firstWins, ...table.secondWins, ...table.ties]);
    const drawn = new Float64Array(3 * pairs);
    const viaCells: number[][] = table.models.map(() => []);
    const viaVotes: number[][] = table.models.map(() => []);
    for (let round = 0; round < rounds; round += 1) {
      resampleMultinomial(counts, drawn, random, gaussian);
      const fromCells = fitStrengths(
        design,
        {
          firstWins: drawn.subarray(0, pairs),
          secondWins: drawn.subarray(pairs, 2 * pairs),
          ties: drawn.subarray(2 * pairs),
        },
        point,
      );
      const resampledVotes = Array.from(
        { length: votes.length },
        () => votes[Math.floor(random() * votes.length)] as RatedBattle,
      );
      const resampledTable = buildPairTable(aggregateBattles(resampledVotes));
      const fromVotes = fitStrengths(pairDesign(resampledTable, "davidson"), resampledTable, point);
      table.models.forEach((_, i) => {
        viaCells[i]?.push(fromCells[i] as number);
        viaVotes[i]?.push(fromVotes[i] as number);
      });
    }
    table.models.forEach((_, i) => {
      const c = meanAndSd(viaCells[i] as number[]);
      const v = meanAndSd(viaVotes[i] as number[]);
      expect(Math.abs(c.mean - v.mean)).toBeLessThan(0.25 * v.sd);
      expect(c.sd / v.sd).toBeGreaterThan(0.85);
      expect(c.sd / v.sd).toBeLessThan(1.15);
    });
  });

  test("resampling keeps the total number of votes", () => {
    const counts = new Float64Array([5, 0, 120, 3, 40_000, 7]);
    const out = new Float64Array(counts.length);
    const random = seededRandom(1);
    const gaussian = createGaussian(random);
    for (let i = 0; i < 100; i += 1) {
      resampleMultinomial(counts, out, random, gaussian);
      expect(out.reduce((s, v) => s + v, 0)).toBe(40_135);
      expect(out[1]).toBe(0);
    }
  });
});
