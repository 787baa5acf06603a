import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { PairCellAccumulator } from "@/lib/ratings";
import { pairDesign } from "@/lib/ratings/bt-fit";
import { fitBradleyTerryDesign } from "@/lib/ratings/bt-solver";
import { buildPairTable, connectedComponents } from "@/lib/ratings/pairs";
import { MIN_ESTABLISHED_VOTES } from "@/lib/ratings/provisional";
import { buildRatingScale, toDisplayed } from "@/lib/ratings/rating-scale";
import { readVoteFile, type VoteFileProblem } from "@/lib/ratings/io/vote-file";
import { VoteSelection } from "@/lib/ratings/vote-selection";

// The ridge's effect on the published (Davidson) point of each established model of the real
// files, against a practically unpenalised fit (λ = 10⁻⁹): the figures of docs/ratings.md.
const realVotes = path.join(
  process.env.SHARED_DIR ?? path.join(import.meta.dirname, "../../../..", "shared"),
  "real-votes",
);
const haveReal = fs.existsSync(realVotes);
if (!haveReal && process.env.CI !== "true")
  console.warn(`skipping the ridge-effect test: ${realVotes} is absent (set SHARED_DIR)`);

/** Largest |ridge − unpenalised| rating difference (points) over established and over all models. */
async function ridgeEffect(file: string): Promise<{ established: number; all: number }> {
  const problems: VoteFileProblem[] = [];
  const selection = new VoteSelection({});
  const cells = new PairCellAccumulator();
  for await (const b of readVoteFile(path.join(realVotes, file), problems)) if (selection.keep(b)) cells.add(b);
  const table = buildPairTable(cells.toCells());
  const k = table.models.length;
  const votes = new Float64Array(k);
  for (let p = 0; p < table.first.length; p += 1) {
    const n = (table.firstWins[p] as number) + (table.secondWins[p] as number) + (table.ties[p] as number);
    votes[table.first[p] as number] = (votes[table.first[p] as number] as number) + n;
    votes[table.second[p] as number] = (votes[table.second[p] as number] as number) + n;
  }
  const scale = buildRatingScale(table, connectedComponents(table), votes, -1);
  const design = pairDesign(table, "davidson");
  const published = toDisplayed(fitBradleyTerryDesign(design, table).subarray(0, k), scale);
  const free = { ...design, ridge: design.ridge.map((x, i) => (i < k ? 1e-9 : x)) };
  const reference = toDisplayed(fitBradleyTerryDesign(free, table).subarray(0, k), scale);
  let established = 0;
  let all = 0;
  for (let i = 0; i < k; i += 1) {
    const moved = Math.abs((published[i] as number) - (reference[i] as number));
    all = Math.max(all, moved);
    if ((votes[i] as number) >= MIN_ESTABLISHED_VOTES && !scale.openLow[i] && !scale.openHigh[i])
      established = Math.max(established, moved);
  }
  return { established, all };
}

describe.skipIf(!haveReal && process.env.CI !== "true")("the ridge's effect on the real files (Davidson)", () => {
  test.each([
    // file, bound on established models, bound on every model (points); measured 0.030, 0.454, 0.004, 0.006 / 0.052, 2.22, 0.004, 0.006
    ["copilot-arena-examples-v1.jsonl", 0.1, 0.1],
    ["genai-arena-edit-20240220.jsonl", 0.5, 2.5],
    ["genai-arena-t2i-20240220.jsonl", 0.1, 0.1],
    ["qlora-vicuna80-gpt4judge.jsonl", 0.1, 0.1],
  ])("%s: established ≤ %f points, all ≤ %f", async (file, established, all) => {
    const effect = await ridgeEffect(file);
    expect(effect.established).toBeLessThan(established);
    expect(effect.all).toBeLessThan(all);
  });
});
