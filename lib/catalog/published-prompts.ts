import { deliveredLengthMsOf } from "../media/delivery-format";
import { countedVoteFilter } from "../counted-vote";
import type { Db } from "../db/client";
import { FailureProfileAccumulator, taggedPair } from "../ratings/failure-profile";
import { type ProportionInterval, wilsonInterval } from "../ratings/wilson-interval";
import { namedClipWhere } from "../clip-visibility";

export interface PublishedPromptSummary {
  id: string;
  textZh: string | null;
  textEn: string | null;
  mode: "image_to_video" | "text_to_video";
  publishedAt: string;
  clips: number;
}

export interface PromptModelResult {
  slug: string;
  name: string;
  clipId: string;
  placeholder: boolean;
  /** Counted votes on this prompt that showed this model's clip. */
  votes: number;
  /** (wins + ties / 2) / votes on this prompt, with a 95% Wilson interval on the same share. */
  winShare: ProportionInterval;
  /** Per failure tag: share of those votes in which voters tagged this model's clip. */
  failures: Record<string, ProportionInterval>;
  /** Failures voters marked on this clip in counted votes (issue 33), in time order: ms of the delivered clip. */
  marks: { tag: string; atMs: number }[];
  /** Length of the clip as delivered (the scale of `marks`), ms. */
  deliveredLengthMs: number;
}

export interface PublishedPrompt extends Omit<PublishedPromptSummary, "clips"> {
  hasImage: boolean;
  categories: string[];
  /** One entry per model with a clip of this prompt, best win share first. */
  models: PromptModelResult[];
}

/** Prompts taken out of the blind pool, newest first: only these have named pages. */
export async function listPublishedPrompts(db: Db): Promise<PublishedPromptSummary[]> {
  const prompts = await db.prompt.findMany({
    where: { publishedAt: { not: null } },
    orderBy: { publishedAt: "desc" },
    select: {
      id: true,
      textZh: true,
      textEn: true,
      mode: true,
      publishedAt: true,
      _count: { select: { clips: { where: namedClipWhere() } } },
    },
  });
  return prompts.map(({ _count, publishedAt, ...p }) => ({
    ...p,
    publishedAt: (publishedAt as Date).toISOString(),
    clips: _count.clips,
  }));
}

/**
 * A published prompt's page: every model's clip, each model's win share on this prompt and the
 * failures voters tagged on its clip, from the counted votes (anonymous, not flagged, not
 * excluded). Null for an unknown prompt and for one still in the blind pool, so the page cannot
 * become a catalogue of clips voters may yet be shown blind.
 */
export async function getPublishedPrompt(db: Db, id: string, tags: readonly string[]): Promise<PublishedPrompt | null> {
  const prompt = await db.prompt.findUnique({
    where: { id },
    select: {
      id: true,
      textZh: true,
      textEn: true,
      mode: true,
      imageKey: true,
      publishedAt: true,
      categories: { select: { category: { select: { slug: true } } } },
      clips: {
        where: namedClipWhere(),
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          placeholder: true,
          renditionFormat: true,
          durationMs: true,
          heldLastFrameMs: true,
          model: { select: { id: true, slug: true, name: true } },
        },
      },
    },
  });
  if (!prompt?.publishedAt) return null;
  const votes = await db.vote.findMany({
    // Pair votes: a quad's tags live in QuadVoteTag and its models on four sides.
    where: { promptId: id, ...(await countedVoteFilter(db, { battles: "pairs" })) },
    select: {
      leftModelId: true,
      rightModelId: true,
      outcome: true,
      battle: { select: { leftClipId: true, rightClipId: true } },
      tags: { select: { side: true, tag: true, atMs: true } },
    },
  });
  const marksOf = new Map<string, { tag: string; atMs: number }[]>();
  for (const vote of votes)
    for (const { side, tag, atMs } of vote.tags) {
      if (atMs === null) continue;
      const clipId = side === "left" ? vote.battle.leftClipId : vote.battle.rightClipId;
      marksOf.set(clipId, [...(marksOf.get(clipId) ?? []), { tag, atMs }]);
    }
  const slugOf = new Map(prompt.clips.map((c) => [c.model.id, c.model.slug]));
  const failures = new FailureProfileAccumulator(tags);
  const scores = new Map<string, { points: number; votes: number }>();
  const score = (slug: string, points: number) => {
    const s = scores.get(slug) ?? { points: 0, votes: 0 };
    s.points += points;
    s.votes += 1;
    scores.set(slug, s);
  };
  for (const vote of votes) {
    const [a, b] = [slugOf.get(vote.leftModelId), slugOf.get(vote.rightModelId)];
    if (!a || !b) continue;
    const [pointsA, pointsB] = vote.outcome === "left" ? [1, 0] : vote.outcome === "right" ? [0, 1] : [0.5, 0.5];
    score(a, pointsA);
    score(b, pointsB);
    failures.add(
      taggedPair({
        modelA: a,
        modelB: b,
        allBad: vote.outcome === "both_bad",
        categories: [],
        tagsA: vote.tags.filter((t) => t.side === "left").map((t) => t.tag),
        tagsB: vote.tags.filter((t) => t.side === "right").map((t) => t.tag),
      }),
    );
  }
  const profile = new Map(failures.rows().map((row) => [row.model, row]));
  const models = prompt.clips
    .map((clip): PromptModelResult => {
      const s = scores.get(clip.model.slug) ?? { points: 0, votes: 0 };
      // Ties count half a success, as in the ratings.
      const winShare = wilsonInterval(s.points, s.votes);
      return {
        slug: clip.model.slug,
        name: clip.model.name,
        clipId: clip.id,
        placeholder: clip.placeholder,
        votes: s.votes,
        winShare,
        failures: profile.get(clip.model.slug)?.tags ?? {},
        marks: (marksOf.get(clip.id) ?? []).sort((a, b) => a.atMs - b.atMs),
        deliveredLengthMs: deliveredLengthMsOf(clip),
      };
    })
    .sort((x, y) => y.winShare.share - x.winShare.share || x.name.localeCompare(y.name));
  return {
    id: prompt.id,
    textZh: prompt.textZh,
    textEn: prompt.textEn,
    mode: prompt.mode,
    publishedAt: prompt.publishedAt.toISOString(),
    hasImage: prompt.imageKey !== null,
    categories: prompt.categories.map((c) => c.category.slug),
    models,
  };
}
