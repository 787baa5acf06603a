import { useFormatter, useTranslations } from "next-intl";
import { AdminTable } from "./admin-table";

interface AuditRow {
  id: string;
  action: string;
  targetType: string;
  targetId: string;
  reason: string | null;
  createdAt: Date;
  actor: { email: string };
}

/** The newest operator actions: who, when, what, and why. */
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
          <td className="small">
            <code>{entry.action}</code> {entry.targetType} <code>{entry.targetId.slice(0, 10)}</code>
          </td>
          <td className="small wrap">{entry.reason ?? "—"}</td>
        </tr>
      ))}
    </AdminTable>
  );
}
