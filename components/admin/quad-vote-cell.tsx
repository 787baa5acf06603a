import { getTranslations } from "next-intl/server";

const SIDES = ["a", "b", "c", "d"] as const;

interface QuadVoteCellProps {
  /** The four models' names in shown order, sides a to d. */
  models: string[];
  best: (typeof SIDES)[number] | null;
  worst: (typeof SIDES)[number] | null;
}

/**
 * A quad vote (issue 32) in an operator's list: the four models by side (A to D, as the voter saw
 * them), then the best and the worst, or "all four bad".
 */
export async function QuadVoteCell({ models, best, worst }: QuadVoteCellProps) {
  const t = await getTranslations("admin.votes");
  const pick = (role: "quadBest" | "quadWorst", side: (typeof SIDES)[number]) =>
    t("quadPick", { role: t(role), side: side.toUpperCase(), model: models[SIDES.indexOf(side)] ?? "?" });
  return (
    <span data-testid="quad-vote">
      {SIDES.map((side, i) => `${side.toUpperCase()} ${models[i] ?? "?"}`).join(" · ")}:{" "}
      <strong>
        {best && worst ? `${pick("quadBest", best)}, ${pick("quadWorst", worst)}` : t("outcomes.all_bad")}
      </strong>
    </span>
  );
}
