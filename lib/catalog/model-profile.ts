import type { Db } from "../db/client";
import type { FailureProfileRow } from "../ratings/failure-profile";
import type { LoadedSnapshot } from "../leaderboard/latest-snapshot";
import { viewKey } from "../leaderboard/views";

export interface ModelProfile {
  slug: string;
  name: string;
  organisation: string;
  version: string | null;
  releaseDate: string | null;
  url: string | null;
  active: boolean;
  /** Bradley-Terry rating per category ("overall" first), from the latest snapshot. */
  ratings: { category: string; rating: number; ciLow: number; ciHigh: number; rank: number; votes: number }[];
  /** Win share against each opponent among decisive votes, overall. */
  opponents: { model: string; winShare: number | null; votes: number }[];
  /**
   * Failure rates per category ("overall" first) from the latest snapshot: the share of this
   * model's shown clips voters tagged with each failure, and of "both bad" votes, with 95% Wilson
   * intervals.
   */
  failures: Pick<FailureProfileRow, "category" | "shown" | "bothBad" | "tags">[];
  /** Overall Bradley-Terry rating after each recompute, oldest first (at most HISTORY_POINTS). */
  history: { computedAt: string; rating: number; ciLow: number; ciHigh: number; votes: number }[];
  clips: { id: string; promptId: string; promptZh: string | null; promptEn: string | null; placeholder: boolean }[];
}

const CLIPS_SHOWN = 4;
const HISTORY_POINTS = 200;

/** Everything the model page and GET /api/models/{slug} show; null for an unknown slug. */
export async function getModelProfile(
  db: Db,
  slug: string,
  snapshot: LoadedSnapshot | null,
): Promise<ModelProfile | null> {
  const model = await db.model.findUnique({ where: { slug } });
  if (!model) return null;
  const [history, clips] = await Promise.all([
    db.ratingPoint.findMany({
      where: { modelSlug: model.slug, category: "overall" },
      orderBy: { computedAt: "desc" },
      take: HISTORY_POINTS,
      select: { computedAt: true, rating: true, ciLow: true, ciHigh: true, votes: true },
    }),
    db.clip.findMany({
      where: { modelId: model.id, hidden: false, retiredAt: null },
      orderBy: { createdAt: "asc" },
      take: CLIPS_SHOWN,
      select: { id: true, promptId: true, placeholder: true, prompt: { select: { textZh: true, textEn: true } } },
    }),
  ]);
  const failures = (snapshot?.data.failures ?? [])
    .filter((row) => row.model === model.slug)
    .map(({ category, shown, bothBad, tags }) => ({ category, shown, bothBad, tags }));

  const ratings = snapshot
    ? ["overall", ...snapshot.data.categories].flatMap((category) => {
        const row = snapshot.data.views[viewKey({ category, lang: "", mode: "" })]?.bt.rows.find(
          (r) => r.model === model.name,
        );
        return row
          ? [{ category, rating: row.rating, ciLow: row.ciLow, ciHigh: row.ciHigh, rank: row.rank, votes: row.votes }]
          : [];
      })
    : [];
  const overall = snapshot?.data.views[viewKey({ category: "overall", lang: "", mode: "" })]?.bt;
  const me = overall?.models.indexOf(model.name) ?? -1;
  const opponents =
    overall && me >= 0
      ? overall.models.flatMap((other, j) =>
          j === me
            ? []
            : [
                {
                  model: other,
                  winShare: overall.winFractions[me]?.[j] ?? null,
                  votes: overall.battleCounts[me]?.[j] ?? 0,
                },
              ],
        )
      : [];

  return {
    slug: model.slug,
    name: model.name,
    organisation: model.organisation,
    version: model.version,
    releaseDate: model.releaseDate?.toISOString().slice(0, 10) ?? null,
    url: model.url,
    active: model.active,
    ratings,
    opponents,
    failures,
    history: history.reverse().map((point) => ({ ...point, computedAt: point.computedAt.toISOString() })),
    clips: clips.map((c) => ({
      id: c.id,
      promptId: c.promptId,
      promptZh: c.prompt.textZh,
      promptEn: c.prompt.textEn,
      placeholder: c.placeholder,
    })),
  };
}

/** The public model list: every model, active or retired. */
export function listModels(db: Db) {
  return db.model.findMany({
    select: { slug: true, name: true, organisation: true, version: true, releaseDate: true, url: true, active: true },
    orderBy: { name: "asc" },
  });
}
