import { z } from "zod";
import type { Db } from "../db/client";
import { countedVoteFilter } from "../counted-vote";
import { computeRecognitionRates, type RecognitionAnswer, type RecognitionRate } from "../ratings/recognition-rates";
import type { LoadedSnapshot } from "./latest-snapshot";

/**
 * The recognition survey's answers on counted votes (lib/counted-vote.ts), grouped by battle
 * models, named model and number of candidates, models by slug: the input of
 * computeRecognitionRates. One grouped query; memory grows with the groups, not the votes.
 */
export async function readRecognitionAnswers(
  db: Db,
  options: { includeFlagged?: boolean } = {},
): Promise<RecognitionAnswer[]> {
  const counted = await countedVoteFilter(db, { ...options, battles: "pairs" });
  const [models, groups] = await Promise.all([
    db.model.findMany({ select: { id: true, slug: true } }),
    db.vote.groupBy({
      by: ["leftModelId", "rightModelId", "recognisedModelId", "recognitionCandidates"],
      // Pair votes: a quad vote is never asked the survey.
      where: { ...counted, recognitionAnsweredAt: { not: null } },
      _count: { _all: true },
    }),
  ]);
  const slugOf = new Map(models.map((m) => [m.id, m.slug]));
  return groups.flatMap((group) => {
    const modelA = slugOf.get(group.leftModelId);
    const modelB = slugOf.get(group.rightModelId);
    const candidates = group.recognitionCandidates ?? 0;
    if (!modelA || !modelB || candidates < 2) return [];
    const named = group.recognisedModelId === null ? null : (slugOf.get(group.recognisedModelId) ?? null);
    return [{ modelA, modelB, named, candidates, count: group._count._all }];
  });
}

/** The published identification rates of the counted votes (stored in each snapshot). */
export async function computeRecognitionView(
  db: Db,
  options: { includeFlagged?: boolean } = {},
): Promise<RecognitionRate[]> {
  return computeRecognitionRates(await readRecognitionAnswers(db, options));
}

const shareSchema = z.object({
  share: z.number().describe("Share of the answers that named the model, 0–1"),
  ciLow: z.number().describe("95% Wilson interval, lower bound"),
  ciHigh: z.number().describe("95% Wilson interval, upper bound"),
  trials: z.number().int().describe("Answered surveys on battles that showed the model"),
});

/** GET /api/leaderboard/recognition's answer. */
export const recognitionResponseSchema = z.object({
  computedAt: z.string().nullable(),
  rows: z.array(
    z.object({
      /** The model's display name, or "any" for naming either model of the battle. */
      model: z.string(),
      slug: z.string(),
      answers: z.number().int(),
      identified: shareSchema,
      chance: z.number().describe("Rate a voter naming one candidate at random would reach (mean of 1 / candidates)"),
      aboveChance: z.boolean().describe("The Wilson interval lies wholly above chance"),
    }),
  ),
});
export type RecognitionViewResponse = z.infer<typeof recognitionResponseSchema>;

/** The snapshot's identification rates with display names; no rows before the first snapshot that has them. */
export function selectRecognition(snapshot: LoadedSnapshot | null): RecognitionViewResponse {
  const names = new Map(snapshot?.data.models.map((m) => [m.slug, m.name]));
  return {
    computedAt: snapshot?.computedAt.toISOString() ?? null,
    rows: (snapshot?.data.recognition ?? []).map((row) => ({
      ...row,
      model: row.model === "any" ? "any" : (names.get(row.model) ?? row.model),
      slug: row.model,
    })),
  };
}
