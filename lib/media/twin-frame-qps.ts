import type { QpfileFrameType } from "./h264-frames";

/**
 * The per-frame quantiser search of a check twin coded with x264's `--qpfile` (issue 31): every
 * frame of the twin is given its size donor's frame type, and its quantiser is moved until its
 * coded picture spends the donor's bytes for that frame.
 */

/** Encodes a twin may take at most in the per-frame search; the closest is kept. */
export const FRAME_QP_ENCODES = 4;
/** How far (|ln(bytes / target)|) a frame may miss its donor's bytes before its quantiser moves: about 3%. */
export const FRAME_TOLERANCE = 0.03;
/** H.264 8-bit quantisers (§7.4.2.2: 0–51). */
const QP = { min: 0, max: 51, step: 12 } as const;
/** First quantisers: a P picture at 32 (coarse enough that a grain-laden 1080p encode stays cheap), an I picture 3 lower and a B picture 2 higher (x264's default ipratio 1.4 and pbratio 1.3). */
const FIRST_QP: Record<QpfileFrameType, number> = { I: 29, i: 29, P: 32, B: 34, b: 34 };
/** Size change per quantiser step when two encodes do not tell it: x264 halves a picture's bits every +6. */
const DEFAULT_SLOPE = -Math.LN2 / 6;

/** One encode: each sample's quantiser and coded bytes, in decode order. */
export interface FrameTry {
  qps: number[];
  sizes: Uint32Array;
}

/** ln(own / target), 0 when the target is empty. */
const missOf = (own: number, target: number) => (target > 0 ? Math.log(Math.max(1, own) / target) : 0);

/** The first encode's quantisers, by frame type. */
export function firstFrameQps(types: readonly QpfileFrameType[]): number[] {
  return types.map((type) => FIRST_QP[type]);
}

/** How far a twin's samples are from the donor's, frame by frame: the mean |ln(bytes / target)| (0 is exact). */
export function frameSizeMiss(sizes: Uint32Array, target: Uint32Array): number {
  let sum = 0;
  for (let i = 0; i < target.length; i += 1) sum += Math.abs(missOf(sizes[i] ?? 0, target[i]!));
  return sum / target.length;
}

/**
 * The next quantisers: each frame outside FRAME_TOLERANCE moves by -ln(bytes / target) / slope,
 * the slope of its own ln bytes over quantiser between its last two encodes at different
 * quantisers (DEFAULT_SLOPE until they tell, or when they disagree in sign), at most 12 steps,
 * rounded and kept in 0–51. Null when FRAME_QP_ENCODES are spent or no quantiser would move.
 */
export function nextFrameQps(tries: readonly FrameTry[], target: Uint32Array): number[] | null {
  if (tries.length >= FRAME_QP_ENCODES) return null;
  const last = tries[tries.length - 1]!;
  const slope = sharedSlope(tries);
  let moved = false;
  const qps = last.qps.map((qp, i) => {
    const miss = missOf(last.sizes[i]!, target[i]!);
    if (Math.abs(miss) <= FRAME_TOLERANCE) return qp;
    const step = Math.max(-QP.step, Math.min(QP.step, -miss / slope));
    const next = Math.round(Math.min(QP.max, Math.max(QP.min, qp + step)));
    if (next !== qp) moved = true;
    return next;
  });
  return moved ? qps : null;
}

/**
 * The slope of ln bytes over quantiser the frames share: the median of each frame's secant
 * between the last encode and the one before it where its quantiser differed (negative ones
 * only); DEFAULT_SLOPE before two encodes tell. One slope for all frames, because a frame's own
 * secant also holds the change of its references' quantisers and swings wildly.
 */
function sharedSlope(tries: readonly FrameTry[]): number {
  const last = tries[tries.length - 1]!;
  const slopes: number[] = [];
  last.qps.forEach((qp, i) => {
    const other = [...tries].reverse().find((t) => t.qps[i] !== qp);
    if (!other) return;
    const slope = (Math.log(Math.max(1, last.sizes[i]!)) - Math.log(Math.max(1, other.sizes[i]!))) / (qp - other.qps[i]!);
    if (Number.isFinite(slope) && slope < 0) slopes.push(slope);
  });
  if (slopes.length === 0) return DEFAULT_SLOPE;
  slopes.sort((a, b) => a - b);
  return slopes[slopes.length >> 1]!;
}
