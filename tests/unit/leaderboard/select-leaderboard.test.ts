import { describe, expect, test } from "vitest";
import type { LoadedSnapshot } from "@/lib/leaderboard/latest-snapshot";
import { leaderboardResponseSchema, selectLeaderboard } from "@/lib/leaderboard/leaderboard-response";
import { isFittedOnRequest, queryKey, leaderboardQuerySchema, viewKey } from "@/lib/leaderboard/leaderboard-query";
import type { PublishedView, SnapshotData } from "@/lib/leaderboard/snapshot-data";
import { PairCellAccumulator, computeBradleyTerry, computeElo, type RatedBattle } from "@/lib/ratings";

/** `wins` votes for `winner` over `loser`, in alternating sides. */
function votes(winner: string, loser: string, wins: number): RatedBattle[] {
  return Array.from({ length: wins }, (_, i) =>
    i % 2 === 0
      ? { modelA: winner, modelB: loser, winner: "model_a" }
      : { modelA: loser, modelB: winner, winner: "model_b" },
  );
}

function view(battles: RatedBattle[], withElo = false): PublishedView {
  const cells = new PairCellAccumulator();
  for (const battle of battles) cells.add(battle);
  return {
    votes: battles.length,
    bt: computeBradleyTerry(cells.toCells(), { bootstrap: 20 }),
    ...(withElo ? { elo: computeElo(battles, { bootstrap: 5 }) } : {}),
  };
}

const OVERALL = [...votes("kling-2", "veo-2", 30), ...votes("veo-2", "kling-2", 10), ...votes("veo-2", "vidu", 25)];
const PHYSICS = [...votes("veo-2", "kling-2", 12), ...votes("kling-2", "veo-2", 4)];
const MODELS: SnapshotData["models"] = [
  { slug: "kling-2", name: "Kling 2", organisation: "Kuaishou", active: true },
  { slug: "veo-2", name: "Veo 2", organisation: "Google", active: true },
  { slug: "vidu", name: "Vidu", organisation: "Shengshu", active: false },
];
const SNAPSHOT: LoadedSnapshot = {
  id: "snap1",
  computedAt: new Date("2026-11-30T12:00:00Z"),
  params: { btBootstrap: 20, eloBootstrap: 5, eloK: 4, seed: 42, includeFlagged: false, burstVotesPerMinute: 60 },
  data: {
    models: MODELS,
    categories: ["physics"],
    views: {
      [viewKey({ category: "overall", lang: "", mode: "" })]: view(OVERALL, true),
      [viewKey({ category: "physics", lang: "", mode: "" })]: view(PHYSICS, true),
      [viewKey({ category: "overall", lang: "zh", mode: "" })]: view(OVERALL.slice(0, 20)),
    },
  },
};
const query = (input: Record<string, string> = {}) => leaderboardQuerySchema.parse(input);
const select = (input: Record<string, string>, rangeView: PublishedView | null = null) =>
  selectLeaderboard(SNAPSHOT, query(input), ["physics"], rangeView);

describe("selectLeaderboard", () => {
  test("answers the view the query names, rows from its fit with the models' public names", () => {
    const board = leaderboardResponseSchema.parse(select({}));
    const fit = SNAPSHOT.data.views["overall||"]!.bt;
    expect(board).toMatchObject({ category: "overall", method: "bt", computedAt: "2026-11-30T12:00:00.000Z" });
    expect(board.votes).toBe(OVERALL.length);
    expect(board.rows.map((row) => row.slug)).toEqual(fit.rows.map((row) => row.model));
    expect(board.rows.find((row) => row.slug === "vidu")).toMatchObject({ model: "Vidu", organisation: "Shengshu" });
    expect(board.rows.find((row) => row.slug === "vidu")?.active).toBe(false);
  });

  test("a category, a language filter and Elo each pick their own view", () => {
    expect(select({ category: "physics" }).votes).toBe(PHYSICS.length);
    expect(select({ category: "physics" }).rows[0]?.slug).toBe("veo-2");
    expect(select({ lang: "zh" }).votes).toBe(20);
    const elo = select({ method: "elo" });
    expect(elo.method).toBe("elo");
    expect(elo.rows.map((row) => row.rating)).toEqual(SNAPSHOT.data.views["overall||"]!.elo!.rows.map((r) => r.rating));
  });

  test("a date range reads the fitted range view, not the snapshot's", () => {
    const ranged = view(PHYSICS);
    const board = select({ from: "2026-11-01", to: "2026-11-30" }, ranged);
    expect(board).toMatchObject({ from: "2026-11-01", to: "2026-11-30", votes: PHYSICS.length });
    expect(board.rows[0]?.slug).toBe("veo-2");
  });

  test("bt-half and a bootstrap over another unit than voters read their fitted view, with any filter, and say which", () => {
    const fitted = view(PHYSICS);
    const inputs: Record<string, string>[] = [
      { method: "bt-half" },
      { cluster: "none" },
      { method: "bt-half", cluster: "prompt", lang: "zh" },
    ];
    for (const input of inputs) {
      const board = leaderboardResponseSchema.parse(select(input, fitted));
      expect(board).toMatchObject({
        method: input.method ?? "bt",
        cluster: input.cluster ?? "voter",
        votes: PHYSICS.length,
      });
      // Without its fitted view (not fitted yet), never the snapshot's default board.
      expect(select(input)).toMatchObject({ votes: 0, rows: [] });
    }
    expect(isFittedOnRequest(query())).toBe(false);
    expect(isFittedOnRequest(query({ method: "elo" }))).toBe(false);
    expect(isFittedOnRequest(query({ cluster: "voter" }))).toBe(false);
    expect(queryKey(query({ method: "bt-half" }))).not.toBe(queryKey(query({ cluster: "none" })));
  });

  test("a view with no votes, or no snapshot yet, is an empty board (not an error)", () => {
    expect(select({ mode: "text_to_video" })).toMatchObject({ votes: 0, rows: [], warnings: [] });
    expect(selectLeaderboard(null, query(), ["physics"])).toMatchObject({ computedAt: null, votes: 0, rows: [] });
  });

  test("an unknown category is a 404", () => {
    expect(() => select({ category: "dance" })).toThrow(
      expect.objectContaining({ name: "DomainError", code: "unknown_category" }),
    );
  });

  test("style control from a snapshot that has none is an empty board", () => {
    expect(select({ control: "style" })).toMatchObject({ control: "style", votes: 0, rows: [] });
  });
});
