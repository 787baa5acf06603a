import type { Db } from "./db/client";

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

/** The newest audit entries with the actor's email. */
export function listAuditLog(db: Db, take = 100) {
  return db.auditLog.findMany({
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
}
