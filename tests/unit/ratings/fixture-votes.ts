import path from "node:path";
import { PairCellAccumulator, type PairCell } from "@/lib/ratings";
import { type FileBattle, readVoteFile, type VoteFileProblem } from "@/lib/ratings/io/vote-file";

/** Path of a vote file under tests/fixtures/votes. */
export const fixturePath = (name: string) => path.join(__dirname, "..", "..", "fixtures", "votes", name);

/** Every vote of fixture files, with the problems met while reading them. */
export async function readFixtures(
  ...names: string[]
): Promise<{ battles: FileBattle[]; problems: VoteFileProblem[] }> {
  const problems: VoteFileProblem[] = [];
  const battles: FileBattle[] = [];
  for (const name of names) for await (const battle of readVoteFile(fixturePath(name), problems)) battles.push(battle);
  return { battles, problems };
}

/** Aggregated cells of fixture files. */
export async function fixtureCells(...names: string[]): Promise<PairCell[]> {
  const cells = new PairCellAccumulator();
  for (const battle of (await readFixtures(...names)).battles) cells.add(battle);
  return cells.toCells();
}
