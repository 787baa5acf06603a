import type { Db } from "./db/client";
import { promptText } from "./prompt-text";

/** A transaction client: what `db.$transaction(async (tx) => …)` hands its callback. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** One line of the audit log: who did what to which record, and why. */
export interface AuditEntry {
  actorId: string;
  action: string;
  targetType: "model" | "category" | "prompt" | "clip" | "vote" | "voter_session" | "import" | "release";
  targetId: string;
  reason?: string;
}

/** Records an operator's action in the same transaction as the change itself. */
export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({ data: { ...entry, reason: entry.reason ?? null } });
}

/** What an audit entry names, in words, and the operator page that shows it (null: none does). */
export interface AuditTarget {
  label: string;
  href: string | null;
}

type Named = { id: string; label: string; href: string | null };

const short = (text: string) => (text.length > 60 ? `${text.slice(0, 59)}…` : text);

/** Names and links for the records a page of audit entries points at, a query per kind of record. */
async function describeTargets(db: Db, entries: { targetType: string; targetId: string }[]) {
  const ids = (type: AuditEntry["targetType"]) => [
    ...new Set(entries.filter((e) => e.targetType === type).map((e) => e.targetId)),
  ];
  const promptLabel = (p: { textEn: string | null; textZh: string | null }) => short(promptText(p, "en").text);
  const [models, categories, prompts, clips, votes] = await Promise.all([
    // Every model: few, and votes name theirs by id.
    db.model.findMany({ select: { id: true, name: true, slug: true } }),
    db.category.findMany({ where: { id: { in: ids("category") } }, select: { id: true, nameEn: true, slug: true } }),
    db.prompt.findMany({ where: { id: { in: ids("prompt") } }, select: { id: true, textEn: true, textZh: true } }),
    db.clip.findMany({
      where: { id: { in: ids("clip") } },
      select: {
        id: true,
        promptId: true,
        model: { select: { name: true } },
        prompt: { select: { textEn: true, textZh: true } },
      },
    }),
    db.vote.findMany({
      where: { id: { in: ids("vote") } },
      select: { id: true, voterSessionId: true, leftModelId: true, rightModelId: true, modelCId: true, modelDId: true },
    }),
  ]);
  const modelIds = new Set(ids("model"));
  const modelName = new Map(models.map((m) => [m.id, m.name]));
  const named: Named[] = [
    ...models.filter((m) => modelIds.has(m.id)).map((m) => ({ id: m.id, label: m.name, href: `/models/${m.slug}` })),
    ...categories.map((c) => ({ id: c.id, label: c.nameEn, href: `/leaderboard?category=${c.slug}` })),
    ...prompts.map((p) => ({ id: p.id, label: promptLabel(p), href: `/admin/prompts/${p.id}` })),
    ...clips.map((c) => ({
      id: c.id,
      label: `${c.model.name} · ${promptLabel(c.prompt)}`,
      href: `/admin/prompts/${c.promptId}`,
    })),
    ...votes.map((v) => ({
      id: v.id,
      // A quad vote (issue 32) names its four models in shown order.
      label: [v.leftModelId, v.rightModelId, v.modelCId, v.modelDId]
        .filter((model): model is string => model !== null)
        .map((model) => modelName.get(model) ?? "?")
        .join(" vs "),
      href: `/admin/votes?status=all&voter=${encodeURIComponent(v.voterSessionId)}`,
    })),
  ];
  return new Map(named.map((n) => [n.id, { label: n.label, href: n.href }]));
}

/** A target with no record to look up, or one deleted since: said as it was logged. */
function describeDirect(targetType: string, targetId: string): AuditTarget {
  if (targetType === "voter_session")
    return { label: `${targetId.slice(0, 8)}…`, href: `/admin/votes?status=all&voter=${encodeURIComponent(targetId)}` };
  if (targetType === "release") return { label: targetId, href: `/api/releases/${targetId}/manifest.json` };
  if (targetType === "import") return { label: targetId.slice(0, 16).replace("T", " "), href: null };
  return { label: `${targetId.slice(0, 10)}…`, href: null };
}

/** The newest audit entries with the actor's email and what each names, in words, with a link. */
export async function listAuditLog(db: Db, take = 100) {
  const entries = await db.auditLog.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: {
      id: true,
      action: true,
      targetType: true,
      targetId: true,
      reason: true,
      createdAt: true,
      actor: { select: { email: true } },
    },
  });
  const targets = await describeTargets(db, entries);
  return entries.map((entry) => ({
    ...entry,
    target: targets.get(entry.targetId) ?? describeDirect(entry.targetType, entry.targetId),
  }));
}
