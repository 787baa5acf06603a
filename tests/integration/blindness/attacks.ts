import type { MediaObservation, ObservedBattle } from "./voter-client";

/** How many clips each attack named correctly before the vote. Zero everywhere is the goal. */
export interface Identifications {
  namedSize: number;
  namedHash: number;
  namedContent: number;
  repeatSize: number;
  repeatHash: number;
  duration: number;
  soundMismatch: number;
  metadataMismatch: number;
}

/** A guess from a lookup table: the one model a key was seen with, or none when it is ambiguous or new. */
function guess<K>(table: Map<K, Set<string>>, key: K): string | null {
  const models = table.get(key);
  return models?.size === 1 ? ([...models][0] ?? null) : null;
}

function remember<K>(table: Map<K, Set<string>>, key: K, model: string): void {
  table.set(key, (table.get(key) ?? new Set()).add(model));
}

/**
 * Replays the battles in order as a voter would: before each vote, every attack guesses each
 * side's model from what it learnt from the named catalogue and from earlier reveals; a correct
 * guess is an identification. After the vote, the reveal teaches the repeat attacks.
 */
export function countIdentifications(
  catalogue: { model: string; media: MediaObservation }[],
  battles: ObservedBattle[],
  { durations }: { durations: boolean },
): Identifications {
  const count: Identifications = {
    namedSize: 0,
    namedHash: 0,
    namedContent: 0,
    repeatSize: 0,
    repeatHash: 0,
    duration: 0,
    soundMismatch: 0,
    metadataMismatch: 0,
  };
  const named = {
    size: new Map<number, Set<string>>(),
    hash: new Map<string, Set<string>>(),
    content: new Map<string, Set<string>>(),
  };
  for (const { model, media } of catalogue) {
    remember(named.size, media.rangeTotal, model);
    remember(named.size, media.size, model);
    remember(named.hash, media.sha256, model);
    remember(named.content, media.strippedSha256, model);
  }
  const seen = {
    size: new Map<number, Set<string>>(),
    hash: new Map<string, Set<string>>(),
    duration: new Map<number, Set<string>>(),
  };
  for (const battle of battles) {
    const [left, right] = battle.media;
    if (left.hasAudio !== right.hasAudio) count.soundMismatch += 1;
    if (left.fingerprint !== right.fingerprint) count.metadataMismatch += 1;
    battle.media.forEach((media, side) => {
      const model = battle.reveal[side] as string;
      const hit = (guessed: string | null) => (guessed === model ? 1 : 0);
      count.namedSize += hit(guess(named.size, media.rangeTotal) ?? guess(named.size, media.size));
      count.namedHash += hit(guess(named.hash, media.sha256));
      count.namedContent += hit(guess(named.content, media.strippedSha256));
      count.repeatSize += hit(guess(seen.size, media.rangeTotal));
      count.repeatHash += hit(guess(seen.hash, media.sha256));
      if (durations) count.duration += hit(guess(seen.duration, battle.durationMs[side] as number));
    });
    battle.media.forEach((media, side) => {
      const model = battle.reveal[side] as string;
      remember(seen.size, media.rangeTotal, model);
      remember(seen.hash, media.sha256, model);
      remember(seen.duration, battle.durationMs[side] as number, model);
    });
  }
  return count;
}
