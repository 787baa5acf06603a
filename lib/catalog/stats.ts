import { servesOtherTakes } from "../clip-visibility";
import { countCountedVotes, readDemoState } from "../counted-vote";
import type { Db } from "../db/client";

/** Headline counts and claims for the home page. */
export interface ArenaStats {
  /** Counted votes (lib/counted-vote.ts). */
  votes: number;
  /** Active models. */
  models: number;
  prompts: number;
  /** Whether the arena serves demo placeholders now (only while no real clip is live). */
  placeholders: boolean;
  /** Whether the arena serves any clip that is not a first take (a prompt allows other takes). */
  otherTakes: boolean;
}

/** Headline counts for the home page: counted votes, active models, prompts, and what the arena serves. */
export async function getArenaStats(db: Db): Promise<ArenaStats> {
  const demo = await readDemoState(db);
  const [votes, models, prompts, otherTakes] = await Promise.all([
    countCountedVotes(db, demo.votes),
    db.model.count({ where: { active: true } }),
    db.prompt.count(),
    servesOtherTakes(db),
  ]);
  return { votes, models, prompts, placeholders: demo.served, otherTakes };
}

/** The public claim about takes, for the footer: "other" when any served clip is not a first take. */
export async function getTakesClaim(db: Db): Promise<"first" | "other"> {
  return (await servesOtherTakes(db)) ? "other" : "first";
}
