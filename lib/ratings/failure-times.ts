import { Z95 } from "./wilson-interval";

/**
 * Time to first failure (issue 33). The subject is one clip appearance in a counted vote
 * (lib/counted-vote.ts): the clip one side of the battle showed (a pair has two, a quad four), as
 * that vote's voter saw it. Its time is the earliest failure the voter marked on that side
 * (VoteTag.atMs, a quad's QuadVoteTag.atMs; ms of the delivered clip) — an event — or, when the voter tagged nothing on that side, the clip's delivered length
 * — censored: the voter watched it to the end without marking a failure. An appearance tagged
 * only without times (every vote before marks existed) failed at an unknown moment: it is neither
 * an event at a known time nor a survivor, so it is left out and counted as `untimed`.
 */
export type FailureSubject = { timeMs: number; event: boolean } | null;

/**
 * The subject of one side of a vote: `tagTimes` are that side's tags' marked times (null for a
 * tag without a time), `deliveredLengthMs` the clip's delivered length. A mark past the length
 * (the prompt was rendered shorter since) counts at the length. Null: tagged but never timed.
 */
export function failureSubjectOf(tagTimes: readonly (number | null)[], deliveredLengthMs: number): FailureSubject {
  if (tagTimes.length === 0) return { timeMs: deliveredLengthMs, event: false };
  const timed = tagTimes.filter((t): t is number => t !== null);
  if (timed.length === 0) return null;
  return { timeMs: Math.min(Math.min(...timed), deliveredLengthMs), event: true };
}

/** How the curves are estimated, cited by the API, the pages and the ratings CLI (see kaplanMeier). */
export const FAILURE_TIMES_METHOD =
  "Kaplan-Meier (1958); 95% pointwise band from Greenwood's variance on the log-log scale (Kalbfleisch & Prentice 1980); median interval by Brookmeyer & Crowley (1982)";

/** One step of a Kaplan-Meier curve: the survival just after `timeMs`, with its 95% band. */
export interface SurvivalPoint {
  timeMs: number;
  /** Subjects still at risk just before timeMs (time ≥ timeMs). */
  atRisk: number;
  /** Failures at timeMs. */
  events: number;
  survival: number;
  lower: number;
  upper: number;
}

/** A Kaplan-Meier estimate with its median time to first failure. */
export interface SurvivalCurve {
  subjects: number;
  events: number;
  censored: number;
  /** The latest time of any subject, ms (a failure or a censoring): where the curve ends. */
  lastTimeMs: number;
  /** Steps at each failure time, in time order; the curve is 1 before the first. */
  points: SurvivalPoint[];
  /** Median time to first failure, ms: the first time the survival is ≤ 0.5; null when it never is. */
  medianMs: number | null;
  /** 95% interval of the median (Brookmeyer & Crowley): null where the band never reaches 0.5. */
  medianLowMs: number | null;
  medianHighMs: number | null;
}

/**
 * The Kaplan-Meier estimator (Kaplan & Meier 1958, JASA 53:457) of the survival S(t) = P(no
 * marked failure by t ms), from subjects grouped as `[timeMs, event, count]`. A censoring at the
 * same time as failures is taken as just after them (the usual convention). The 95% pointwise
 * band uses Greenwood's variance (Greenwood 1926) on the log-log scale, S^exp(±z·σ/|log S|) with
 * σ² = Σ d/(n(n−d)) (Kalbfleisch & Prentice 1980, §1.3; R survival's conf.type = "log-log",
 * Stata's sts default): it stays inside [0, 1]. The median's interval is the set of times whose
 * band contains 0.5 (Brookmeyer & Crowley 1982, Biometrics 38:29), as R's survfit reports it.
 * Where S reaches 0 the band is [0, the upper end before].
 */
export function kaplanMeier(
  subjects: Iterable<readonly [timeMs: number, event: boolean, count: number]>,
): SurvivalCurve {
  const byTime = new Map<number, { events: number; censored: number }>();
  let total = 0;
  let events = 0;
  for (const [timeMs, event, count] of subjects) {
    if (!(Number.isFinite(timeMs) && timeMs >= 0 && Number.isInteger(count) && count >= 0)) {
      throw new RangeError(`kaplanMeier: bad subject ${timeMs} × ${count}`);
    }
    const at = byTime.get(timeMs) ?? { events: 0, censored: 0 };
    if (event) at.events += count;
    else at.censored += count;
    byTime.set(timeMs, at);
    total += count;
    if (event) events += count;
  }
  const points: SurvivalPoint[] = [];
  let atRisk = total;
  let survival = 1;
  let greenwood = 0;
  for (const [timeMs, at] of [...byTime].sort(([a], [b]) => a - b)) {
    if (at.events > 0) {
      survival *= 1 - at.events / atRisk;
      greenwood += at.events < atRisk ? at.events / (atRisk * (atRisk - at.events)) : Infinity;
      // Where S reaches 0 the log-log band is undefined (R reports NA): the lower end is 0 and the
      // upper end stays where it was, so a curve that ends in a few failures is not called certain.
      const band = survival > 0 ? logLogBand(survival, greenwood) : { lower: 0, upper: points.at(-1)?.upper ?? 1 };
      points.push({ timeMs, atRisk, events: at.events, survival, ...band });
    }
    atRisk -= at.events + at.censored;
  }
  const first = (test: (p: SurvivalPoint) => boolean) => points.find(test)?.timeMs ?? null;
  return {
    subjects: total,
    events,
    censored: total - events,
    lastTimeMs: Math.max(0, ...byTime.keys()),
    points,
    medianMs: first((p) => p.survival <= 0.5),
    medianLowMs: first((p) => p.lower <= 0.5),
    medianHighMs: first((p) => p.upper <= 0.5),
  };
}

function logLogBand(survival: number, greenwood: number): { lower: number; upper: number } {
  if (survival >= 1) return { lower: 1, upper: 1 };
  const se = Math.sqrt(greenwood) / Math.abs(Math.log(survival));
  return { lower: survival ** Math.exp(Z95 * se), upper: survival ** Math.exp(-Z95 * se) };
}

/** The survival value of a curve at `timeMs` (the step function, right-continuous). */
export function survivalAt(curve: Pick<SurvivalCurve, "points">, timeMs: number): number {
  let value = 1;
  for (const point of curve.points) {
    if (point.timeMs > timeMs) break;
    value = point.survival;
  }
  return value;
}

/** One model in one category ("overall" for all its appearances). */
export interface FailureTimeRow extends SurvivalCurve {
  model: string;
  category: string;
  /** Appearances tagged only without a time: left out of the curve (see FailureSubject). */
  untimed: number;
}

/**
 * Kaplan-Meier curves per model × category from subjects fed one group at a time; memory grows
 * with models × categories × distinct times, never with votes. The database (lib/leaderboard)
 * and a vote file (the ratings CLI) feed the same subjects, so both give the same rows.
 */
export class FailureTimeAccumulator {
  private readonly cells = new Map<string, { subjects: Map<string, number>; untimed: number }>();

  /** Adds `count` appearances of `model`'s clips under a prompt of `categories` with this subject. */
  add(model: string, categories: readonly string[], subject: FailureSubject, count = 1): void {
    for (const category of ["overall", ...new Set(categories)]) {
      const key = `${model}\u0000${category}`;
      let cell = this.cells.get(key);
      if (!cell) this.cells.set(key, (cell = { subjects: new Map(), untimed: 0 }));
      if (!subject) cell.untimed += count;
      else {
        const at = `${subject.timeMs}\u0000${subject.event ? 1 : 0}`;
        cell.subjects.set(at, (cell.subjects.get(at) ?? 0) + count);
      }
    }
  }

  /** Rows sorted by category ("overall" first), then model. */
  rows(): FailureTimeRow[] {
    return [...this.cells]
      .map(([key, cell]) => {
        const [model = "", category = ""] = key.split("\u0000");
        const curve = kaplanMeier(
          [...cell.subjects].map(([at, count]) => {
            const [time = "0", event = "0"] = at.split("\u0000");
            return [Number(time), event === "1", count] as const;
          }),
        );
        return { model, category, untimed: cell.untimed, ...curve };
      })
      .sort(
        (x, y) =>
          Number(y.category === "overall") - Number(x.category === "overall") ||
          x.category.localeCompare(y.category) ||
          x.model.localeCompare(y.model),
      );
  }
}
