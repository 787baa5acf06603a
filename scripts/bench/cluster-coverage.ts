// npm run bench:cluster-coverage [-- --arenas N] [--bootstrap N]
// Coverage of the true rating by the 95% intervals when some voters cast many votes with their own
// bias, with the bootstrap resampling single votes (cluster=none) and voter sessions (cluster=voter),
// with 95% Wilson intervals of the share. The world: 10 models, true ratings Normal(1000, 120); a
// share of the votes comes from a few heavy voters, each with their own taste (a Normal(0, τ)
// offset per model, points), the rest from casual voters casting 1–3 votes each without bias.
import os from "node:os";
import { parseArgs } from "node:util";
import { seededRandom } from "../../lib/random";
import { computeBradleyTerry, PairCellAccumulator } from "../../lib/ratings";
import { buildPairTable, connectedComponents } from "../../lib/ratings/pairs";
import { buildRatingScale, POINTS_PER_NAT, toDisplayed } from "../../lib/ratings/rating-scale";
import type { ClusterUnit } from "../../lib/ratings/cluster-resample";
import { BASE, SCALE } from "../../lib/ratings/types";
import { wilsonInterval } from "../../lib/ratings/wilson-interval";

interface World {
  votesPerModel: number;
  /** Heavy voters, and the share of all votes they cast. */
  heavyVoters: number;
  heavyShare: number;
  /** Standard deviation of a heavy voter's own offset per model (points). */
  bias: number;
}

const normal = (random: () => number) => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

/** Covered intervals out of all, for each bootstrap unit, over `arenas` arenas of one world. */
function measure(world: World, arenas: number, bootstrap: number, seed: number): Record<string, [number, number]> {
  const models = 10;
  const random = seededRandom(seed);
  const tally: Record<string, [number, number]> = { none: [0, 0], voter: [0, 0] };
  for (let arena = 0; arena < arenas; arena += 1) {
    const names = Array.from({ length: models }, (_, i) => `m${i}`);
    const strength = names.map(() => 1000 + 120 * normal(random));
    const offsets = Array.from({ length: world.heavyVoters }, () => names.map(() => world.bias * normal(random)));
    const byVoter = new Map<string, PairCellAccumulator>();
    const all = new PairCellAccumulator();
    let casual = 0;
    let casualLeft = 0;
    for (let n = 0; n < Math.round((world.votesPerModel * models) / 2); n += 1) {
      const i = Math.floor(random() * models);
      let j = Math.floor(random() * (models - 1));
      if (j >= i) j += 1;
      let voter: string;
      let gap = (strength[i] as number) - (strength[j] as number);
      if (random() < world.heavyShare) {
        const h = Math.floor(random() * world.heavyVoters);
        voter = `heavy${h}`;
        gap += (offsets[h]?.[i] as number) - (offsets[h]?.[j] as number);
      } else {
        if (casualLeft === 0) {
          casual += 1;
          casualLeft = 1 + Math.floor(random() * 3);
        }
        casualLeft -= 1;
        voter = `casual${casual}`;
      }
      const battle = {
        modelA: names[i] as string,
        modelB: names[j] as string,
        winner: random() < 1 / (1 + BASE ** (-gap / SCALE)) ? ("model_a" as const) : ("model_b" as const),
      };
      all.add(battle);
      const cluster = byVoter.get(voter) ?? new PairCellAccumulator();
      cluster.add(battle);
      byVoter.set(voter, cluster);
    }
    const cells = all.toCells();
    const table = buildPairTable(cells);
    const perModel = new Float64Array(table.models.length);
    for (let p = 0; p < table.first.length; p += 1) {
      const v = (table.firstWins[p] as number) + (table.secondWins[p] as number) + (table.ties[p] as number);
      perModel[table.first[p] as number] = (perModel[table.first[p] as number] as number) + v;
      perModel[table.second[p] as number] = (perModel[table.second[p] as number] as number) + v;
    }
    const scale = buildRatingScale(table, connectedComponents(table), perModel);
    const theta = Float64Array.from(
      table.models.map((m) => ((strength[names.indexOf(m)] as number) - 1000) / POINTS_PER_NAT),
    );
    const truth = toDisplayed(theta, scale);
    for (const unit of ["none", "voter"] as ClusterUnit[]) {
      const result = computeBradleyTerry(cells, {
        bootstrap,
        seed: seed * 1000 + arena,
        ...(unit === "voter" ? { clusters: { unit, cells: [...byVoter.values()].map((c) => c.toCells()) } } : {}),
      });
      const t = tally[unit] as [number, number];
      for (const row of result.rows) {
        const value = truth[table.models.indexOf(row.model)] as number;
        t[1] += 1;
        if ((row.ciLow === null || row.ciLow <= value) && (row.ciHigh === null || value <= row.ciHigh)) t[0] += 1;
      }
    }
  }
  return tally;
}

const { values } = parseArgs({
  options: { arenas: { type: "string", default: "60" }, bootstrap: { type: "string", default: "300" } },
});
const arenas = Number(values.arenas);
const bootstrap = Number(values.bootstrap);
if (![arenas, bootstrap].every((v) => Number.isInteger(v) && v > 0)) {
  console.error("usage: npm run bench:cluster-coverage -- [--arenas N] [--bootstrap N]");
  process.exit(2);
}
const percent = (x: number) => (100 * x).toFixed(1);
console.log(
  `10 models, ratings Normal(1000, 120), ${arenas} arenas per row, ${bootstrap} bootstrap rounds, Davidson fit; load ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
console.log("votes/model  heavy voters  their share  their bias  cluster=none %        cluster=voter %");
for (const votesPerModel of [30, 300, 2000])
  for (const [heavyVoters, heavyShare, bias] of [
    [0, 0, 0],
    [5, 0.3, 100],
    [5, 0.6, 100],
  ] as const) {
    const tally = measure(
      { votesPerModel, heavyVoters, heavyShare, bias },
      arenas,
      bootstrap,
      votesPerModel + Math.round(100 * heavyShare),
    );
    const cell = (unit: string) => {
      const [covered, total] = tally[unit] as [number, number];
      const w = wilsonInterval(covered, total);
      return `${percent(w.share)} [${percent(w.ciLow)}, ${percent(w.ciHigh)}]`.padEnd(21);
    };
    console.log(
      [
        String(votesPerModel).padStart(11),
        String(heavyVoters).padStart(12),
        `${percent(heavyShare)}%`.padStart(11),
        String(bias).padStart(10),
        cell("none"),
        cell("voter"),
      ].join("  "),
    );
  }
