import { type ProportionInterval, wilsonInterval } from "./wilson-interval";

/**
 * Identification rates from the recognition survey (issue 25, item 7: measured blindness).
 * After a vote, before the reveal, the voter said whether they recognised a model of the battle
 * and picked at most one from `candidates` models offered. A voter who cannot tell (the arena is
 * blind) and names a model anyway picks among the candidates at random, so names a given model of
 * the battle with probability 1 / candidates: that is chance.
 */

/** One answered survey: the battle's two models, the model named (null: "neither") and how many were offered. */
export interface RecognitionAnswer {
  modelA: string;
  modelB: string;
  named: string | null;
  candidates: number;
  /** Answers with these same values (a grouped count); 1 when omitted. */
  count?: number;
}

/** How often one model was named when it was in the battle, against chance. */
export interface RecognitionRate {
  /** The model (its slug), or "any" for the share of answers naming either model of their battle. */
  model: string;
  /** Answered surveys on battles that showed the model; `identified.trials` is the same count. */
  answers: number;
  /** Share of those answers that named the model, with its 95% Wilson interval. */
  identified: ProportionInterval;
  /**
   * The share a voter naming one model at random from the candidates would reach: the mean of
   * 1 / candidates over the answers (2 / candidates for "any", either model of the battle).
   */
  chance: number;
  /** The interval lies wholly above chance: voters recognise this model more often than guessing. */
  aboveChance: boolean;
}

interface Tally {
  answers: number;
  named: number;
  /** Answers by the number of candidates they were offered (integers: exact whatever the grouping). */
  byCandidates: Map<number, number>;
}

const newTally = (): Tally => ({ answers: 0, named: 0, byCandidates: new Map() });

function addAnswers(tally: Tally, count: number, candidates: number, named: boolean): void {
  tally.answers += count;
  if (named) tally.named += count;
  tally.byCandidates.set(candidates, (tally.byCandidates.get(candidates) ?? 0) + count);
}

/** `picks` models named at random from the candidates: the mean chance of naming the one(s) asked about. */
function rateOf(model: string, tally: Tally, picks: number): RecognitionRate {
  const identified = wilsonInterval(tally.named, tally.answers);
  let sum = 0;
  for (const [candidates, count] of [...tally.byCandidates].sort(([a], [b]) => a - b))
    sum += (count * Math.min(picks, candidates)) / candidates;
  const chance = tally.answers === 0 ? 0 : sum / tally.answers;
  return { model, answers: tally.answers, identified, chance, aboveChance: identified.ciLow > chance };
}

/**
 * Per model: of the answered surveys on battles that showed it, the share that named it, with its
 * Wilson interval (Wilson 1927; lib/ratings/wilson-interval.ts) and chance. Models sorted by slug,
 * then the "any" row. Answers with fewer than 2 candidates or identical models are invalid:
 * throws RangeError.
 */
export function computeRecognitionRates(answers: readonly RecognitionAnswer[]): RecognitionRate[] {
  const perModel = new Map<string, Tally>();
  const any = newTally();
  for (const answer of answers) {
    const n = answer.count ?? 1;
    if (answer.candidates < 2 || answer.modelA === answer.modelB || !(n >= 0)) {
      throw new RangeError(`computeRecognitionRates: not a survey answer: ${JSON.stringify(answer)}`);
    }
    for (const model of [answer.modelA, answer.modelB]) {
      const tally = perModel.get(model) ?? newTally();
      addAnswers(tally, n, answer.candidates, answer.named === model);
      perModel.set(model, tally);
    }
    addAnswers(any, n, answer.candidates, answer.named === answer.modelA || answer.named === answer.modelB);
  }
  const rows = [...perModel].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([m, t]) => rateOf(m, t, 1));
  return answers.length === 0 ? [] : [...rows, rateOf("any", any, 2)];
}
