import type { Db } from "./client";

/**
 * The form in which two model display names count as the same: trimmed, Unicode NFC, case folded
 * (locale-independent lower case). "Hailuo", " hailuo " and "HAILUO" all collide.
 */
export function modelNameKey(name: string): string {
  return name.trim().normalize("NFC").toLowerCase();
}

/**
 * The slug of an existing model whose display name collides with `name` (see modelNameKey),
 * other than the models with the slugs in `except`; null when the name is free. Models are keyed
 * by slug everywhere, but voters and exports read names: two models must never share one.
 */
export async function findModelNameClash(
  db: Pick<Db, "model">,
  name: string,
  except: readonly string[] = [],
): Promise<string | null> {
  const key = modelNameKey(name);
  const models = await db.model.findMany({ select: { slug: true, name: true } });
  return models.find((m) => !except.includes(m.slug) && modelNameKey(m.name) === key)?.slug ?? null;
}
