import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AdminNav } from "@/components/admin/admin-nav";
import { SignOutButton } from "@/components/admin/sign-out-button";
import { requireAdminPage } from "./admin-session";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin");
  return { title: t("title"), robots: { index: false } };
}

export default async function AdminLayout({ children }: LayoutProps<"/admin">) {
  const [session, t] = await Promise.all([requireAdminPage(), getTranslations("admin")]);
  return (
    <div className="container stack-lg">
      <header className="admin-header">
        <div>
          <h1>{t("title")}</h1>
          <p className="small muted">{t("signedInAs", { email: session.email })}</p>
        </div>
        <SignOutButton />
      </header>
      <AdminNav />
      {children}
    </div>
  );
}
