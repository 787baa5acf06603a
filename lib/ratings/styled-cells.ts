import {
  type ClipStyle,
  STYLE_FEATURE_NAMES,
  type StyleFeature,
  type StyledCell,
  StyledCellTable,
  styleDifferences,
} from "./style-control";
import type { ClipColumns, FileBattle } from "./vote-row";

/** The export columns each style feature is read from. */
export const STYLE_FEATURE_COLUMNS: Record<StyleFeature, readonly [string, string]> = {
  duration: ["duration_a_ms", "duration_b_ms"],
  resolution: ["pixels_a", "pixels_b"],
  fps: ["fps_a", "fps_b"],
  audio: ["audio_a", "audio_b"],
};

/** Whether a clip has the value a feature needs; frame rate may be unknown (it then counts as equal). */
const HAS: Record<StyleFeature, (clip: Readonly<ClipColumns>) => boolean> = {
  duration: (clip) => clip.durationMs !== null,
  resolution: (clip) => clip.pixels !== null && clip.pixels > 0,
  fps: (clip) => clip.fps !== null,
  audio: (clip) => clip.audio !== null,
};

/** A clip's columns as style control's ClipStyle: width × height is the export's pixel count. */
const toClipStyle = (clip: Readonly<ClipColumns>): ClipStyle => ({
  durationMs: clip.durationMs ?? 0,
  width: clip.pixels ?? 1,
  height: 1,
  frameRate: clip.fps,
  audio: clip.audio ?? false,
});

/**
 * Folds a vote file's votes into style-control cells (`StyledCell`): one per ordered model pair
 * and feature differences, keyed as the leaderboard's recompute keys them. Features are taken in
 * STYLE_FEATURE_NAMES' order whatever order they are asked in. A vote that lacks a needed column
 * (besides frame rate, which may be unknown on a vote) is not added and is counted in `lacking`.
 */
export class StyledCellAccumulator {
  readonly features: StyleFeature[];
  /** Votes added, and per feature the votes left out for lacking its columns. */
  readonly counts = { added: 0, lacking: {} as Partial<Record<StyleFeature, number>> };
  /** Votes whose two clips both have a frame rate: none means the file has no frame rates. */
  withFps = 0;
  private readonly cells = new StyledCellTable();

  constructor(features: readonly StyleFeature[]) {
    this.features = STYLE_FEATURE_NAMES.filter((f) => features.includes(f));
  }

  /** Adds a vote; false when it lacks a column a feature needs. */
  add(battle: Pick<FileBattle, "modelA" | "modelB" | "winner" | "clipA" | "clipB">): boolean {
    const { clipA, clipB } = battle;
    let complete = true;
    for (const feature of this.features) {
      if (feature === "fps" || (HAS[feature](clipA) && HAS[feature](clipB))) continue;
      this.counts.lacking[feature] = (this.counts.lacking[feature] ?? 0) + 1;
      complete = false;
    }
    if (!complete) return false;
    if (HAS.fps(clipA) && HAS.fps(clipB)) this.withFps += 1;
    const differences = styleDifferences(toClipStyle(clipA), toClipStyle(clipB), this.features);
    const winner = battle.winner === "model_a" ? "a" : battle.winner === "model_b" ? "b" : "tie";
    this.cells.add(battle.modelA, battle.modelB, differences, winner);
    this.counts.added += 1;
    return true;
  }

  toCells(): StyledCell[] {
    return this.cells.toCells();
  }
}
