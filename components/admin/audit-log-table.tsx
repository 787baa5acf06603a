import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import type { AuditTarget } from "@/lib/audit";
import { AdminTable } from "./admin-table";

interface AuditRow {
  id: string;
  action: string;
  reason: string | null;
  createdAt: Date;
  actor: { email: string };
  target: AuditTarget;
}

/** The newest operator actions: who, when, what in words with a link to it, and why. */
export function AuditLogTable({ entries }: { entries: AuditRow[] }) {
  const t = useTranslations("admin.audit");
  const format = useFormatter();
  if (entries.length === 0) return <p className="muted">{t("empty")}</p>;
  return (
    <AdminTable
      caption={t("caption")}
      columns={[{ label: t("when") }, { label: t("who") }, { label: t("what") }, { label: t("why") }]}
    >
      {entries.map((entry) => (
        <tr key={entry.id}>
          <td className="small">{format.dateTime(entry.createdAt, { dateStyle: "short", timeStyle: "medium" })}</td>
          <td className="small">{entry.actor.email}</td>
          <td className="small wrap">
            {/* An action this build has no words for (an older or newer one) is shown as logged. */}
            {t.has(`actions.${entry.action}`) ? t(`actions.${entry.action}`) : entry.action}{" "}
            {entry.target.href ? <Link href={entry.target.href}>{entry.target.label}</Link> : entry.target.label}
          </td>
          <td className="small wrap">{entry.reason ?? "—"}</td>
        </tr>
      ))}
    </AdminTable>
  );
}
