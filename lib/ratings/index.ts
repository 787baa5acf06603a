export { aggregateBattles, countVotes, PairCellAccumulator } from "./aggregate";
export { computeBradleyTerry, type BradleyTerryOptions } from "./bradley-terry";
export { computeElo, type EloOptions } from "./elo";
export * from "./types";
