import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parquetWriteBuffer } from "hyparquet-writer";
import { afterAll, describe, expect, test } from "vitest";
import { seededRandom } from "@/lib/random";
import { computeBradleyTerry, PairCellAccumulator, type RatedBattle, type RatedQuad } from "@/lib/ratings";
import { fitStrengths, pairDesign } from "@/lib/ratings/bt-fit";
import { derivatives, parameterCount } from "@/lib/ratings/bt-solver";
import { factorSpd, solveFactored } from "@/lib/ratings/cholesky";
import { buildVoteUnits, resampleVoteUnits } from "@/lib/ratings/cluster-resample";
import { createGaussian } from "@/lib/ratings/sampling";
import { buildPairTable } from "@/lib/ratings/pairs";
import { addGroupedVote, GroupedVoteAccumulator, rankBreakQuad } from "@/lib/ratings/rank-breaking";
import { sandwichVariance } from "@/lib/ratings/sandwich";
import { simulateBattles, simulateQuads } from "@/lib/ratings/simulate";

const quad = (models: string, best: RatedQuad["best"], worst: RatedQuad["worst"]): RatedQuad => ({
  models: models.split("") as unknown as RatedQuad["models"],
  best,
  worst,
});

describe("rank breaking of a quad vote", () => {
  test("best ≻ the two middle ≻ worst gives its 5 implied pairs in shown order, all bad none", () => {
    expect(rankBreakQuad(quad("abcd", 2, 0))).toEqual([
      { modelA: "b", modelB: "c", winner: "model_b" },
      { modelA: "c", modelB: "d", winner: "model_a" },
      { modelA: "a", modelB: "b", winner: "model_b" },
      { modelA: "a", modelB: "d", winner: "model_b" },
      { modelA: "a", modelB: "c", winner: "model_b" },
    ]);
    expect(rankBreakQuad(quad("abcd", null, null))).toEqual([]);
  });

  test("a malformed quad throws", () => {
    expect(() => rankBreakQuad(quad("abcd", 1, 1))).toThrow(/same clip/);
    expect(() => rankBreakQuad(quad("abca", 0, 1))).toThrow(/four distinct/);
    expect(() => rankBreakQuad(quad("abcd", 0, null))).toThrow(/both given or both null/);
  });

  test("votes implying the same pairs are one pattern, whatever the shown order", () => {
    const grouped = new GroupedVoteAccumulator();
    grouped.add(rankBreakQuad(quad("abcd", 0, 3)));
    grouped.add(rankBreakQuad(quad("dcba", 3, 0)));
    grouped.add(rankBreakQuad(quad("abcd", 3, 0)));
    grouped.add(rankBreakQuad(quad("abcd", null, null)));
    const groups = grouped.toGroups();
    expect(groups.map((g) => g.count).sort()).toEqual([1, 2]);
    expect(grouped.votes).toBe(3);
  });
});

/** Pair votes and quads (each as its pairs, and grouped), from a seeded world of four models. */
function mixedVotes(seed: number, pairVotes: number, quadVotes: number) {
  const random = seededRandom(seed);
  const strengths = { a: 1150, b: 1050, c: 980, d: 850 };
  const cells = new PairCellAccumulator();
  for (const battle of simulateBattles({ strengths, votes: pairVotes }, random)) cells.add(battle);
  const grouped = new GroupedVoteAccumulator();
  for (const q of simulateQuads({ strengths, votes: quadVotes }, random)) {
    addGroupedVote(rankBreakQuad(q), { cells, grouped });
  }
  return { cells: cells.toCells(), groups: grouped.toGroups(), quads: grouped.votes };
}

describe("whole-vote resampling", () => {
  test("the vote units hold every vote once: single pair votes by category, quads by pattern", () => {
    const { cells, groups, quads } = mixedVotes(1, 60, 40);
    const table = buildPairTable(cells);
    const units = buildVoteUnits(table, groups);
    const pairs = table.first.length;
    const total = new Float64Array(3 * pairs);
    for (let c = 0; c + 1 < units.offsets.length; c += 1)
      for (let e = units.offsets[c] as number; e < (units.offsets[c + 1] as number); e += 1)
        total[units.category[e] as number] =
          (total[units.category[e] as number] as number) +
          (units.multiplicity[c] as number) * (units.count[e] as number);
    expect(Array.from(total)).toEqual([...table.firstWins, ...table.secondWins, ...table.ties]);
    const votes = units.multiplicity.reduce((s, m) => s + m, 0);
    expect(votes).toBe(60 + quads);
    expect(computeBradleyTerry(cells, { bootstrap: 0, groupedVotes: groups }).votes).toBe(60 + quads);
  });

  test("a whole-vote draw keeps a quad's pairs together and each category's mean", () => {
    const { cells, groups, quads } = mixedVotes(4, 60, 40);
    const table = buildPairTable(cells);
    const units = buildVoteUnits(table, groups);
    const pairs = table.first.length;
    const random = seededRandom(9);
    const gaussian = createGaussian(random);
    const out = new Float64Array(3 * pairs);
    const mean = new Float64Array(3 * pairs);
    const rounds = 4000;
    for (let round = 0; round < rounds; round += 1) {
      resampleVoteUnits(units, out, new Float64Array(units.offsets.length - 1), random, gaussian);
      // Every drawn quad adds 5 pairs and a pair vote 1: the pairs' total is N plus 4 per quad.
      const total = out.reduce((s, x) => s + x, 0);
      expect((total - (60 + quads)) % 4).toBe(0);
      out.forEach((x, i) => (mean[i] = (mean[i] as number) + x / rounds));
    }
    const counts = [...table.firstWins, ...table.secondWins, ...table.ties];
    counts.forEach((c, i) => expect(Math.abs((mean[i] as number) - c)).toBeLessThan(0.1 * c + 0.3));
  });

  test("closed case: votes grouped one pair each give exactly the plain sandwich", () => {
    const { cells } = mixedVotes(2, 200, 0);
    const table = buildPairTable(cells);
    const design = pairDesign(table, "davidson");
    const theta = fitStrengths(design, table);
    const n = parameterCount(design);
    const negHessian = new Float64Array(n * n);
    derivatives(design, table, theta, new Float64Array(n), negHessian);
    factorSpd(negHessian, n);
    // Every vote a group of its own: the same J as the per-vote sum.
    const singles = new GroupedVoteAccumulator();
    for (const cell of cells)
      for (const [winner, count] of [
        ["model_a", cell.winsA],
        ["model_b", cell.winsB],
        ["tie", cell.ties],
        ["tie (bothbad)", cell.bothBad],
      ] as const)
        singles.add([{ modelA: cell.modelA, modelB: cell.modelB, winner } satisfies RatedBattle], count);
    const units = buildVoteUnits(table, singles.toGroups());
    for (let i = 0; i < table.models.length; i += 1) {
      const c = new Float64Array(n);
      c[i] = 1;
      const u = solveFactored(negHessian, c, n);
      const plain = sandwichVariance(design, table, theta, u);
      expect(sandwichVariance(design, table, theta, u, units)).toBeCloseTo(plain, 12);
    }
  });

  test("one quad repeated widens the best and worst models' intervals beyond 5 independent pair votes each", () => {
    const base = mixedVotes(3, 120, 0);
    const cells = new PairCellAccumulator();
    for (const cell of base.cells)
      for (const w of ["model_a", "model_b", "tie"] as const) {
        const count = w === "model_a" ? cell.winsA : w === "model_b" ? cell.winsB : cell.ties + cell.bothBad;
        if (count > 0) cells.add({ modelA: cell.modelA, modelB: cell.modelB, winner: w }, count);
      }
    const repeated = rankBreakQuad(quad("abcd", 3, 0));
    const grouped = new GroupedVoteAccumulator();
    for (const pair of repeated) cells.add(pair, 40);
    grouped.add(repeated, 40);
    const width = (rows: { model: string; ciLow: number | null; ciHigh: number | null }[], model: string) => {
      const row = rows.find((r) => r.model === model);
      return (row?.ciHigh as number) - (row?.ciLow as number);
    };
    for (const intervals of ["bootstrap", "sandwich"] as const) {
      const whole = computeBradleyTerry(cells.toCells(), {
        bootstrap: 400,
        intervals,
        groupedVotes: grouped.toGroups(),
      });
      const naive = computeBradleyTerry(cells.toCells(), { bootstrap: 400, intervals });
      expect(whole.rows.map((r) => r.rating)).toEqual(naive.rows.map((r) => r.rating));
      for (const model of ["a", "d"]) expect(width(whole.rows, model)).toBeGreaterThan(1.15 * width(naive.rows, model));
    }
  });
});

const root = path.join(__dirname, "..", "..", "..");
const cli = (...args: string[]) =>
  spawnSync(process.execPath, ["scripts/bundled.mjs", "scripts/ratings.ts", ...args], { cwd: root, encoding: "utf8" });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "quad-votes-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Export-style rows: pair rows and quad rows (or their quad_pair expansion), with the quad columns. */
function exportRows(expand: boolean): Record<string, string>[] {
  const random = seededRandom(7);
  const strengths = { a: 1150, b: 1050, c: 980, d: 850, e: 1000 };
  const rows: Record<string, string>[] = [];
  let id = 0;
  for (const b of simulateBattles({ strengths, votes: 80 }, random))
    rows.push({
      vote_id: `v${(id += 1)}`,
      battle_kind: "anonymous",
      model_a: b.modelA,
      model_b: b.modelB,
      model_c: "",
      model_d: "",
      winner: b.winner,
      best: "",
      worst: "",
    });
  const side = (i: number | null) => (i === null ? "" : (["model_a", "model_b", "model_c", "model_d"][i] as string));
  for (const q of simulateQuads({ strengths, votes: 60 }, random)) {
    id += 1;
    if (expand)
      for (const pair of rankBreakQuad(q))
        rows.push({
          vote_id: `v${id}`,
          battle_kind: "quad_pair",
          model_a: pair.modelA,
          model_b: pair.modelB,
          winner: pair.winner,
        });
    else {
      const [a, b, c, d] = q.models;
      rows.push({
        vote_id: `v${id}`,
        battle_kind: "quad",
        model_a: a,
        model_b: b,
        model_c: c,
        model_d: d,
        winner: "",
        best: side(q.best),
        worst: side(q.worst),
      });
    }
  }
  return rows;
}

function write(name: string, rows: Record<string, string>[]): string {
  const file = path.join(dir, name);
  const columns = ["vote_id", "battle_kind", "model_a", "model_b", "model_c", "model_d", "winner", "best", "worst"];
  if (name.endsWith(".parquet"))
    fs.writeFileSync(
      file,
      Buffer.from(
        parquetWriteBuffer({
          columnData: columns.map((c) => ({ name: c, data: rows.map((r) => r[c] ?? null), type: "STRING" as const })),
        }),
      ),
    );
  else if (name.endsWith(".jsonl")) fs.writeFileSync(file, rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
  else {
    fs.writeFileSync(
      file,
      [columns.join(","), ...rows.map((r) => columns.map((c) => r[c] ?? "").join(","))].join("\n") + "\n",
    );
  }
  return file;
}

describe("ratings CLI with quad rows", () => {
  const board = (...args: string[]) => {
    const run = cli(...args, "--json", "--bootstrap", "100");
    expect(run.status, run.stderr).toBe(0);
    return JSON.parse(run.stdout) as { votes: number; quads?: { votes: number; allBad: number }; rows: unknown[] };
  };

  test("CSV, JSONL and Parquet rows, and the pairwise expansion regrouped by vote_id, give the same board", () => {
    const jsonl = board(write("mixed.jsonl", exportRows(false)));
    expect(board(write("mixed.csv", exportRows(false))).rows).toEqual(jsonl.rows);
    expect(board(write("mixed.parquet", exportRows(false))).rows).toEqual(jsonl.rows);
    expect(board(write("expanded.jsonl", exportRows(true))).rows).toEqual(jsonl.rows);
    expect(jsonl.quads?.votes).toBe(60);
    expect(jsonl.votes).toBe(80 + 60 - (jsonl.quads?.allBad ?? 0));
  });

  test("--votes-from pairs reads as a file of the pair rows alone; --votes-from quads keeps only quads", () => {
    const rows = exportRows(false);
    const pairsOnly = write(
      "pairs-only.jsonl",
      rows.filter((r) => r.battle_kind === "anonymous"),
    );
    const withQuads = write("with-quads.jsonl", rows);
    expect(board(withQuads, "--votes-from", "pairs")).toEqual(board(pairsOnly));
    expect(board(withQuads, "--votes-from", "quads").votes).toBe(60 - (board(withQuads).quads?.allBad ?? 0));
  });

  test.each([
    [{ best: "model_b", worst: "model_b" }, /line 2: worst: the same clip as best \(model_b\)/],
    [{ best: "model_e" }, /line 2: best: expected model_a, model_b, model_c, model_d or empty, got "model_e"/],
    [{ model_c: "a" }, /line 2: model_c: repeats model_a \(a\)/],
  ])("an impossible quad row stops with one line naming the line and field, exit 2 (%#)", (change, message) => {
    const good = {
      vote_id: "q",
      battle_kind: "quad",
      model_a: "a",
      model_b: "b",
      model_c: "c",
      model_d: "d",
      winner: "",
      best: "model_a",
      worst: "model_d",
    };
    const pair = { vote_id: "p", battle_kind: "anonymous", model_a: "a", model_b: "b", winner: "model_a" };
    const file = write("bad.jsonl", [pair, { ...good, ...change }]);
    const run = cli(file);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toMatch(message);
  });
});
