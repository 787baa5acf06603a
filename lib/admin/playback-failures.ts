import type { Db } from "../db/client";
import { promptText } from "../prompt-text";

/** A clip that voters' browsers reported as failing to play, with how often. */
export interface PlaybackFailureRow {
  clipId: string;
  promptId: string;
  modelName: string;
  /** The prompt's English text, or its Chinese text when it has no English. */
  promptText: string;
  /** Battles skipped because this clip failed to play. */
  failures: number;
  /** The most recent such report. */
  lastAt: Date;
}

/**
 * Clips reported as failing to play (Battle.playbackFailure, sent with a skip), most reports first.
 * A battle names the failed side, so failures on each side are counted per clip and added up. In
 * a check battle (issue 31) the side that plays the clip's degraded twin (Battle.checkTwinSide) is
 * not the clip: a failure reported on it is not counted against the clip or its model.
 * A quad's failing side (Battle.quadPlaybackFailure, issue 32: a to d) counts against the clip on
 * that side, as a pair's does.
 */
export async function listPlaybackFailures(db: Db, limit = 20): Promise<PlaybackFailureRow[]> {
  const [left, right, quadA, quadB, quadC, quadD] = await Promise.all([
    db.battle.groupBy({
      by: ["leftClipId"],
      where: { playbackFailure: "left", OR: [{ checkTwinSide: null }, { checkTwinSide: "right" }] },
      _count: { _all: true },
      _max: { skippedAt: true },
    }),
    db.battle.groupBy({
      by: ["rightClipId"],
      where: { playbackFailure: "right", OR: [{ checkTwinSide: null }, { checkTwinSide: "left" }] },
      _count: { _all: true },
      _max: { skippedAt: true },
    }),
    db.battle.groupBy({
      by: ["leftClipId"],
      where: { quadPlaybackFailure: "a" },
      _count: { _all: true },
      _max: { skippedAt: true },
    }),
    db.battle.groupBy({
      by: ["rightClipId"],
      where: { quadPlaybackFailure: "b" },
      _count: { _all: true },
      _max: { skippedAt: true },
    }),
    db.battle.groupBy({
      by: ["clipCId"],
      where: { quadPlaybackFailure: "c" },
      _count: { _all: true },
      _max: { skippedAt: true },
    }),
    db.battle.groupBy({
      by: ["clipDId"],
      where: { quadPlaybackFailure: "d" },
      _count: { _all: true },
      _max: { skippedAt: true },
    }),
  ]);
  const totals = new Map<string, { failures: number; lastAt: Date }>();
  const add = (clipId: string, count: number, last: Date | null) => {
    const entry = totals.get(clipId) ?? { failures: 0, lastAt: new Date(0) };
    entry.failures += count;
    if (last && last > entry.lastAt) entry.lastAt = last;
    totals.set(clipId, entry);
  };
  for (const row of [...left, ...quadA]) add(row.leftClipId, row._count._all, row._max.skippedAt);
  for (const row of [...right, ...quadB]) add(row.rightClipId, row._count._all, row._max.skippedAt);
  for (const row of quadC) if (row.clipCId) add(row.clipCId, row._count._all, row._max.skippedAt);
  for (const row of quadD) if (row.clipDId) add(row.clipDId, row._count._all, row._max.skippedAt);
  const top = [...totals.entries()]
    .sort(([, a], [, b]) => b.failures - a.failures || b.lastAt.getTime() - a.lastAt.getTime())
    .slice(0, limit);
  const clips = await db.clip.findMany({
    where: { id: { in: top.map(([id]) => id) } },
    select: {
      id: true,
      promptId: true,
      model: { select: { name: true } },
      prompt: { select: { textEn: true, textZh: true } },
    },
  });
  const byId = new Map(clips.map((clip) => [clip.id, clip]));
  return top.flatMap(([clipId, { failures, lastAt }]) => {
    const clip = byId.get(clipId);
    if (!clip) return [];
    // The console lists prompts in English where they have it, as the audit log does.
    const text = promptText(clip.prompt, "en").text;
    return [{ clipId, promptId: clip.promptId, modelName: clip.model.name, promptText: text, failures, lastAt }];
  });
}
