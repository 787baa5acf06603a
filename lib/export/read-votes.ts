import { createHmac } from "node:crypto";
import path from "node:path";
import type { Db } from "../db/client";
import type { ExportRow } from "./columns";
import type { ExportQuery } from "./export-query";

/** Votes read per database round trip; also the Parquet row-group size. */
export const EXPORT_PAGE = 5_000;

const WINNER = { left: "model_a", right: "model_b", tie: "tie", both_bad: "tie (bothbad)" } as const;

/** The database filter for an export query. */
async function voteFilter(db: Db, query: Omit<ExportQuery, "format">) {
  const model = query.model ? await db.model.findUnique({ where: { slug: query.model }, select: { id: true } }) : null;
  return {
    ...(query.includeFlagged ? {} : { flagged: false, excluded: false }),
    ...(query.category ? { prompt: { categories: { some: { category: { slug: query.category } } } } } : {}),
    ...(query.model ? { OR: [{ leftModelId: model?.id ?? "-" }, { rightModelId: model?.id ?? "-" }] } : {}),
    ...(query.from || query.to
      ? { createdAt: { ...(query.from ? { gte: query.from } : {}), ...(query.to ? { lte: query.to } : {}) } }
      : {}),
  };
}

/** Number of votes an export query selects. */
export async function countExportRows(db: Db, query: Omit<ExportQuery, "format">): Promise<number> {
  return db.vote.count({ where: await voteFilter(db, query) });
}

/**
 * Streams the votes an export selects, oldest first, one page at a time: memory holds one page
 * plus the small catalogue, whatever the vote count. Stops when the consumer stops pulling.
 */
export async function* readExportRows(
  db: Db,
  query: Omit<ExportQuery, "format">,
  judgeSalt: string,
): AsyncGenerator<ExportRow[]> {
  const [where, models, prompts] = await Promise.all([
    voteFilter(db, query),
    db.model.findMany({ select: { id: true, name: true } }),
    db.prompt.findMany({
      select: {
        id: true,
        textZh: true,
        textEn: true,
        mode: true,
        imageKey: true,
        categories: { select: { category: { select: { slug: true, createdAt: true } } } },
      },
    }),
  ]);
  const modelName = new Map(models.map((m) => [m.id, m.name]));
  const promptInfo = new Map(
    prompts.map((p) => [
      p.id,
      {
        ...p,
        categories: p.categories
          .map((c) => c.category)
          .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
          .map((c) => c.slug),
        imageId: p.imageKey ? path.basename(p.imageKey).replace(/\.[a-z0-9]+$/i, "") : null,
      },
    ]),
  );
  const judges = new Map<string, string>();
  const judgeOf = (session: string) => {
    let judge = judges.get(session);
    if (!judge) {
      judge = createHmac("sha256", judgeSalt).update(session).digest("hex").slice(0, 16);
      judges.set(session, judge);
    }
    return judge;
  };

  let cursor: string | undefined;
  for (;;) {
    const page = await db.vote.findMany({
      where,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: EXPORT_PAGE,
      ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
      select: {
        id: true,
        createdAt: true,
        kind: true,
        promptId: true,
        leftModelId: true,
        rightModelId: true,
        voterSessionId: true,
        outcome: true,
        decisionMs: true,
        flagged: true,
        flagReason: true,
        excluded: true,
        battle: { select: { leftClipId: true, rightClipId: true } },
        tags: { select: { side: true, tag: true } },
      },
    });
    if (page.length === 0) return;
    yield page.map((vote) => {
      const prompt = promptInfo.get(vote.promptId);
      return {
        vote_id: vote.id,
        tstamp: vote.createdAt.getTime() / 1000,
        model_a: modelName.get(vote.leftModelId) ?? vote.leftModelId,
        model_b: modelName.get(vote.rightModelId) ?? vote.rightModelId,
        winner: WINNER[vote.outcome],
        category: prompt?.categories[0] ?? "",
        categories: prompt?.categories ?? [],
        battle_kind: vote.kind,
        prompt_id: vote.promptId,
        prompt_text_zh: prompt?.textZh ?? null,
        prompt_text_en: prompt?.textEn ?? null,
        mode: prompt?.mode ?? "",
        image_id: prompt?.imageId ?? null,
        clip_a_id: vote.battle.leftClipId,
        clip_b_id: vote.battle.rightClipId,
        tags_a: vote.tags
          .filter((t) => t.side === "left")
          .map((t) => t.tag)
          .sort(),
        tags_b: vote.tags
          .filter((t) => t.side === "right")
          .map((t) => t.tag)
          .sort(),
        decision_ms: vote.decisionMs,
        flagged: vote.flagged || vote.excluded,
        flag_reason: vote.excluded ? "excluded" : vote.flagReason,
        judge: judgeOf(vote.voterSessionId),
      };
    });
    if (page.length < EXPORT_PAGE) return;
    cursor = page[page.length - 1]?.id;
  }
}
