// npm run bench:ratings: Bradley-Terry with 1,000 bootstrap rounds for "overall" and 5 categories
// on simulated votes (30 models), at 10k, 100k and 1M votes. Votes stream from the simulator into
// per-category accumulators, as they would from a database cursor or a file, so memory holds only
// the aggregation. Prints the median of 3 runs.
import { seededRandom } from "../lib/random";
import { computeBradleyTerry, PairCellAccumulator } from "../lib/ratings";
import { simulateBattles } from "../lib/ratings/simulate";

const CATEGORIES = ["physics", "dance", "action", "lighting", "camera"];
const RUNS = 3;
const strengths = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`model-${i}`, 850 + i * 10]));

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

for (const votes of [10_000, 100_000, 1_000_000]) {
  const aggregateMs: number[] = [];
  const fitMs: number[] = [];
  let heap = 0;
  for (let run = 0; run < RUNS; run += 1) {
    const overall = new PairCellAccumulator();
    const byCategory = new Map(CATEGORIES.map((c) => [c, new PairCellAccumulator()]));
    let started = performance.now();
    for (const battle of simulateBattles({ strengths, votes, categories: CATEGORIES }, seededRandom(run))) {
      overall.add(battle);
      byCategory.get(battle.category as string)?.add(battle);
    }
    aggregateMs.push(performance.now() - started);
    heap = Math.max(heap, process.memoryUsage().heapUsed);
    started = performance.now();
    for (const accumulator of [overall, ...byCategory.values()])
      computeBradleyTerry(accumulator.toCells(), { bootstrap: 1000, seed: run });
    fitMs.push(performance.now() - started);
    heap = Math.max(heap, process.memoryUsage().heapUsed);
  }
  console.log(
    `${String(votes).padStart(9)} votes  simulate+aggregate ${median(aggregateMs).toFixed(0).padStart(5)} ms  BT×6 views, 1000 bootstrap ${median(fitMs).toFixed(0).padStart(5)} ms  heap ${mb(heap)}`,
  );
}
