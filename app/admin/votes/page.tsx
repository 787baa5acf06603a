import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { AdminForm } from "@/components/admin/admin-form";
import { AuditLogTable } from "@/components/admin/audit-log-table";
import { listAuditLog } from "@/lib/audit";
import { listVotesForModeration, MODERATION_PAGE_SIZE } from "@/lib/admin/moderation";
import { voteFilterSchema } from "@/lib/admin/schemas";
import { TOO_FAST_REASON } from "@/lib/arena/cast-vote";
import { getDb } from "@/lib/http/app-context";
import { listReleases } from "@/lib/export/release";
import { ANOMALY_REASONS } from "@/lib/integrity/voter-anomalies";
import { requireAdminPage } from "../admin-session";
import { AdminTable } from "@/components/admin/admin-table";
import { QuadVoteCell } from "@/components/admin/quad-vote-cell";
import { DateField } from "@/components/date-field";
import { ReasonField } from "@/components/admin/reason-field";

const REASONS = [TOO_FAST_REASON, ...ANOMALY_REASONS];
const STATUSES = voteFilterSchema.shape.status.unwrap().options;

/**
 * Votes by status, reason, model, voter and date, 50 a page; exclude or restore the ticked ones or
 * a whole voter session with one reason; dataset releases; the audit log.
 */
export default async function VotesPage({ searchParams }: PageProps<"/admin/votes">) {
  // Only the filter's own keys: others (e.g. ?lang=) must not make the strict schema drop the filter.
  const query = Object.fromEntries(
    Object.entries(await searchParams).filter(
      ([key, v]) => key in voteFilterSchema.shape && typeof v === "string" && v !== "",
    ),
  );
  const parsed = voteFilterSchema.safeParse(query);
  const filter = parsed.success ? parsed.data : voteFilterSchema.parse({});
  const db = getDb();
  const [session, t, format, result, audit] = await Promise.all([
    requireAdminPage(),
    getTranslations("admin.votes"),
    getFormatter(),
    listVotesForModeration(db, filter),
    listAuditLog(db, 50),
  ]);
  const csrf = session.csrfToken;
  const latest = (await listReleases(db))[0];
  const pages = Math.max(1, Math.ceil(result.total / MODERATION_PAGE_SIZE));
  const pageLink = (page: number) => `/admin/votes?${new URLSearchParams({ ...query, page: String(page) })}`;
  return (
    <div className="stack-lg">
      <section className="card stack" aria-labelledby="votes">
        <h2 id="votes">{t("title")}</h2>
        <p className="small muted">
          {t("flaggedSummary")}{" "}
          {REASONS.map((reason) => `${t(`reasons.${reason}`)}: ${result.flaggedByReason[reason] ?? 0}`).join(" · ")}
        </p>
        <form method="get" className="form-grid form-grid-end">
          <label className="field">
            {t("status")}
            <select name="status" defaultValue={filter.status}>
              {STATUSES.map((status) => (
                <option key={status} value={status}>
                  {t(`statuses.${status}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            {t("reason")}
            <select name="reason" defaultValue={filter.reason ?? ""}>
              <option value="">{t("anyReason")}</option>
              {REASONS.map((reason) => (
                <option key={reason} value={reason}>
                  {t(`reasons.${reason}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            {t("model")}
            <select name="model" defaultValue={filter.model ?? ""}>
              <option value="">{t("anyModel")}</option>
              {result.models.map((model) => (
                <option key={model.slug} value={model.slug}>
                  {model.name}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            {t("voter")}
            <input name="voter" defaultValue={filter.voter ?? ""} />
          </label>
          <DateField id="votes-from" name="from" label={t("from")} defaultValue={filter.from} />
          <DateField id="votes-to" name="to" label={t("to")} defaultValue={filter.to} />
          <button type="submit" className="btn btn-secondary">
            {t("filter")}
          </button>
        </form>
        <p role="status">{t("count", { count: result.total })}</p>
        {result.votes.length > 0 ? (
          <AdminForm
            action="/api/admin/votes/moderate"
            method="POST"
            csrfToken={csrf}
            submitLabel={t("apply")}
            className="stack"
          >
            <AdminTable
              caption={t("title")}
              columns={[
                { label: t("select") },
                { label: t("when") },
                { label: t("battle") },
                { label: t("why") },
                { label: t("voter") },
              ]}
            >
              {result.votes.map((vote) => (
                <tr key={vote.id} className={vote.excluded ? "inactive" : undefined}>
                  <td>
                    <input
                      type="checkbox"
                      name="voteId"
                      value={vote.id}
                      aria-label={t("selectVote", {
                        left: vote.quadModels ? vote.quadModels.slice(0, 2).join(", ") : vote.leftModel,
                        right: vote.quadModels ? vote.quadModels.slice(2).join(", ") : vote.rightModel,
                      })}
                    />
                  </td>
                  <td className="small">
                    {format.dateTime(vote.createdAt, { dateStyle: "short", timeStyle: "medium" })}
                  </td>
                  <td className="small">
                    {vote.quadModels ? (
                      <QuadVoteCell models={vote.quadModels} best={vote.best} worst={vote.worst} />
                    ) : (
                      <>
                        {vote.leftModel} vs {vote.rightModel}: <strong>{t(`outcomes.${vote.outcome}`)}</strong>
                      </>
                    )}{" "}
                    ({t("decisionSeconds", { seconds: vote.decisionMs / 1000 })})
                  </td>
                  <td>
                    {vote.kind === "named" ? <span className="badge">{t("named")}</span> : null}{" "}
                    {vote.excluded ? <span className="badge badge-danger">{t("excluded")}</span> : null}{" "}
                    {vote.flagReason ? (
                      <span className="badge badge-warn">{t(`reasons.${vote.flagReason}`)}</span>
                    ) : null}
                  </td>
                  <td className="small">
                    <Link href={`/admin/votes?status=all&voter=${encodeURIComponent(vote.voterSessionId)}`}>
                      <code>{vote.voterSessionId.slice(0, 8)}…</code>
                    </Link>
                  </td>
                </tr>
              ))}
            </AdminTable>
            <p className="small muted">{t("bulkHint")}</p>
            <div className="form-grid">
              <label className="field">
                {t("decision")}
                {/* Keeping a flagged vote out is the safe default: restoring counts it. */}
                <select name="action" defaultValue="exclude">
                  <option value="exclude">{t("exclude")}</option>
                  <option value="restore">{t("restore")}</option>
                </select>
              </label>
              <ReasonField label={t("reasonInput")} />
            </div>
          </AdminForm>
        ) : null}
        {pages > 1 ? (
          <nav aria-label={t("pages")} className="row">
            {filter.page > 1 ? <Link href={pageLink(filter.page - 1)}>{t("previous")}</Link> : null}
            <span className="small muted">{t("pageOf", { page: filter.page, pages })}</span>
            {filter.page < pages ? <Link href={pageLink(filter.page + 1)}>{t("next")}</Link> : null}
          </nav>
        ) : null}
        {filter.voter ? (
          <div className="form-grid" aria-label={t("wholeVoter")} role="group">
            {(["exclude", "restore"] as const).map((action) => (
              <AdminForm
                key={action}
                action="/api/admin/votes/moderate"
                method="POST"
                csrfToken={csrf}
                submitLabel={action === "exclude" ? t("excludeVoter") : t("restoreVoter")}
                submitClassName={action === "exclude" ? "btn btn-danger" : "btn btn-secondary"}
              >
                <input type="hidden" name="action" value={action} />
                <input type="hidden" name="voterSessionId" value={filter.voter} />
                <ReasonField label={t("reasonInput")} />
              </AdminForm>
            ))}
          </div>
        ) : null}
      </section>
      <section className="card stack" aria-labelledby="releases">
        <h2 id="releases">{t("releases")}</h2>
        <p className="small muted">{t("releasesIntro")}</p>
        {latest ? (
          <p>
            {t("latestRelease", { release: latest.release, votes: latest.rows.total, counted: latest.rows.counted })}{" "}
            <Link href="/data">{t("seeReleases")}</Link>
          </p>
        ) : (
          <p className="muted">{t("noRelease")}</p>
        )}
        <AdminForm action="/api/admin/releases" method="POST" csrfToken={csrf} submitLabel={t("freeze")} />
      </section>
      <section className="card stack" aria-labelledby="audit">
        <h2 id="audit">{t("auditLog")}</h2>
        <AuditLogTable entries={audit} />
      </section>
    </div>
  );
}
