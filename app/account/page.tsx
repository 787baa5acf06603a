import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { unauthorized } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { AdminForm } from "@/components/admin/admin-form";
import { ApiKeyCreator } from "@/components/admin/api-key-creator";
import { getDb, getOperatorSession } from "@/lib/http/app-context";
import { listApiKeys } from "@/lib/export/api-keys";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("account");
  return { title: t("title"), robots: { index: false } };
}

/** A signed-in operator's own page: their role and their export API keys. */
export default async function AccountPage() {
  const session = await getOperatorSession((await headers()).get("cookie"));
  if (!session) unauthorized();
  const [t, format, keys] = await Promise.all([
    getTranslations("account"),
    getFormatter(),
    listApiKeys(getDb(), session.id),
  ]);
  return (
    <div className="container narrow stack-lg">
      <header className="admin-header">
        <div>
          <h1>{t("title")}</h1>
          <p className="small muted">{t("who", { email: session.email, role: t(`roles.${session.role}`) })}</p>
        </div>
      </header>
      {session.role === "admin" ? (
        <p>
          <Link href="/admin" className="btn btn-secondary">
            {t("console")}
          </Link>
        </p>
      ) : null}
      <section className="card stack" aria-labelledby="keys">
        <h2 id="keys">{t("keys")}</h2>
        <p className="small muted">{t("keysIntro")}</p>
        {keys.length > 0 ? (
          <ul className="admin-list stack-sm">
            {keys.map((key) => (
              <li key={key.id} className="row">
                <code>{key.id.slice(0, 10)}</code>
                <span className="small">
                  {t("created", { date: format.dateTime(key.createdAt, { dateStyle: "medium" }) })}
                </span>
                {key.revokedAt ? (
                  <span className="badge">{t("revoked")}</span>
                ) : (
                  <AdminForm
                    action={`/api/account/keys/${key.id}/revoke`}
                    method="POST"
                    csrfToken={session.csrfToken}
                    submitLabel={t("revoke")}
                    submitClassName="btn btn-secondary btn-sm"
                    className="row"
                  />
                )}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("none")}</p>
        )}
        <ApiKeyCreator csrfToken={session.csrfToken} />
      </section>
    </div>
  );
}
