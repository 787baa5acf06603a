import { countCountedVotes } from "../counted-vote";
import type { Db } from "../db/client";

/** Headline counts for the home page: counted votes, active models, prompts. */
export async function getArenaStats(
  db: Db,
): Promise<{ votes: number; models: number; prompts: number; placeholders: boolean }> {
  const [votes, models, prompts, placeholder] = await Promise.all([
    countCountedVotes(db),
    db.model.count({ where: { active: true } }),
    db.prompt.count(),
    db.clip.findFirst({ where: { placeholder: true, hidden: false }, select: { id: true } }),
  ]);
  return { votes, models, prompts, placeholders: placeholder !== null };
}
