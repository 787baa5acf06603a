import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AdminNav } from "@/components/admin/admin-nav";
import { requireAdminPage } from "./admin-session";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin");
  return { title: t("title"), robots: { index: false } };
}

export default async function AdminLayout({ children }: LayoutProps<"/admin">) {
  const [, t] = await Promise.all([requireAdminPage(), getTranslations("admin")]);
  return (
    <div className="container stack-lg">
      <header className="admin-header">
        <h1>{t("title")}</h1>
        {/* Who is signed in and sign out: in the site header, on every page. */}
      </header>
      <AdminNav />
      {children}
    </div>
  );
}
