import { getTranslations } from "next-intl/server";
import type { PoolExclusion } from "@/lib/arena/blind-pool";

/**
 * Whether a prompt is served in the blind arena, and if not why, in the operator's words: a
 * published prompt has left it; one with fewer than three models' servable clips never enters it,
 * because its text alone would name the pair.
 */
export async function PoolStatus({ status }: { status: PoolExclusion | null | undefined }) {
  const t = await getTranslations("admin.prompts");
  if (status === undefined) return null;
  if (status === null) return <span>{t("poolIn")}</span>;
  if (status.reason === "published") return <span>{t("poolPublished")}</span>;
  return <strong>{t("poolTooFew", { models: status.models, needed: status.needed })}</strong>;
}
