import { isCountedVoteRow } from "../counted-vote-row";
import { VoteIdSet } from "./vote-id-set";
import type { FileQuad } from "./quad-row";
import type { FileBattle } from "./vote-row";

/** What the selection reads of a vote: a pair vote, or a quad vote. */
type SelectableVote =
  | Pick<FileBattle, "voteId" | "flagged" | "named" | "recognised" | "categories" | "modelA" | "modelB">
  | Pick<FileQuad, "voteId" | "flagged" | "named" | "recognised" | "categories" | "quad">;

export interface SelectionOptions {
  /** Keep only votes in this category. */
  category?: string;
  /** Count votes cast with the names shown (default: blind votes only, as FastChat does). */
  includeNamed?: boolean;
  includeFlagged?: boolean;
  /** Leave out votes whose voter named a model correctly in the recognition survey (`recognised_correctly`). */
  excludeRecognised?: boolean;
}

/** Names folded for look-alike detection: compatibility form, case, spaces and punctuation ignored. */
const skeleton = (name: string) =>
  name
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s\-_.·・]+/gu, "");

/**
 * Which votes of a file are rated: blind, unflagged, in the category, each vote_id once. Counts
 * what it leaves out so the caller can say so, and finds model names that differ only by case,
 * spacing, punctuation or Unicode compatibility form.
 */
export class VoteSelection {
  readonly skipped = { named: 0, flagged: 0, recognised: 0, duplicate: 0, category: 0 };
  private readonly seen = new VoteIdSet();
  private readonly models = new Set<string>();

  constructor(private readonly options: SelectionOptions = {}) {}

  /** Whether this vote is rated. */
  keep(battle: SelectableVote): boolean {
    if (battle.voteId !== null && !this.seen.add(battle.voteId)) {
      this.skipped.duplicate += 1;
      return false;
    }
    if (!isCountedVoteRow(battle, this.options)) {
      // Named is reported first: a named vote that is also flagged is skipped as named.
      if (battle.named && !this.options.includeNamed) this.skipped.named += 1;
      else if (battle.flagged && !this.options.includeFlagged) this.skipped.flagged += 1;
      else this.skipped.recognised += 1;
    } else if (this.options.category && !battle.categories.includes(this.options.category)) this.skipped.category += 1;
    else {
      if ("quad" in battle) for (const model of battle.quad.models) this.models.add(model);
      else {
        this.models.add(battle.modelA);
        this.models.add(battle.modelB);
      }
      return true;
    }
    return false;
  }

  /** Groups of two or more rated model names that look alike. */
  lookAlikes(): string[][] {
    const groups = new Map<string, string[]>();
    for (const model of this.models) groups.set(skeleton(model), [...(groups.get(skeleton(model)) ?? []), model]);
    return [...groups.values()].filter((g) => g.length > 1).map((g) => g.sort());
  }

  /** Plain-English warnings about what was left out or looks wrong. */
  warnings(): string[] {
    const out: string[] = [];
    if (this.skipped.duplicate > 0)
      out.push(`${this.skipped.duplicate} rows repeat an earlier vote_id and were counted once`);
    if (this.skipped.named > 0)
      out.push(
        `${this.skipped.named} votes were cast with the model names shown (anony: false or battle_kind: named) and are not rated; --include-named counts them`,
      );
    if (this.skipped.recognised > 0)
      out.push(
        `${this.skipped.recognised} votes whose voter named a model of the battle in the recognition survey are left out (--exclude-recognised)`,
      );
    for (const group of this.lookAlikes())
      out.push(
        `model names that look alike are rated as different models: ${group.map((m) => JSON.stringify(m)).join(", ")}`,
      );
    return out;
  }
}
