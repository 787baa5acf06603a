"use client";

import { useTranslations } from "next-intl";
import { QUAD_SIDES, type QuadSide } from "@/lib/arena/schemas";
import { type QuadPicks, quadVoteOf } from "./quad-picks";
import { VoteHint } from "./vote-panel";

interface QuadVotePanelProps {
  picks: QuadPicks;
  /** The side last refused for a role (it holds the other one), to say why; null when none. */
  refused: { role: "best" | "worst"; side: QuadSide } | null;
  watched: boolean;
  sending: boolean;
  watchSeconds: number;
  /** The label of the clip that failed to play, if one did. */
  failedLabel: string | null;
  onPick: (role: "best" | "worst", side: QuadSide) => void;
  onAllBad: () => void;
  onSubmit: () => void;
}

/**
 * A quad's vote (issue 32): the best clip and the worst (two different clips), sent together, or
 * "All bad" at once. Closed until every clip played through, as a pair's votes are. Each choice is
 * a toggle button (aria-pressed) in a labelled group, with its key shown beside the group's name.
 */
export function QuadVotePanel(props: QuadVotePanelProps) {
  const { picks, refused, watched, sending, watchSeconds, failedLabel, onPick, onAllBad, onSubmit } = props;
  const t = useTranslations("arena");
  const closed = !watched || sending || failedLabel !== null;
  const complete = quadVoteOf(picks) !== null;
  return (
    <div className="vote-panel quad-vote-panel" role="group" aria-label={t("voteGroup")} data-quad-picks>
      <VoteHint
        failedLabel={failedLabel}
        watched={watched}
        waitMessage={t("watchFirstQuad", { seconds: watchSeconds })}
        ready={
          <p className="vote-hint" role="status" data-testid="quad-hint">
            {refused
              ? t(refused.role === "worst" ? "quadRefusedWorst" : "quadRefusedBest", {
                  label: refused.side.toUpperCase(),
                })
              : t("quadChoose")}
          </p>
        }
      />
      {(["best", "worst"] as const).map((role) => (
        <div key={role} className="quad-pick-row" role="group" aria-labelledby={`quad-${role}`}>
          <span className="quad-pick-name" id={`quad-${role}`}>
            {t(role === "best" ? "quadBest" : "quadWorst")}
          </span>
          <kbd className="quad-pick-keys" aria-hidden="true">
            {role === "best" ? "1–4" : "⇧ 1–4"}
          </kbd>
          {QUAD_SIDES.map((side, index) => (
            <button
              key={side}
              type="button"
              className={`btn quad-pick quad-pick-${role}`}
              aria-pressed={picks[role] === side}
              aria-keyshortcuts={role === "best" ? String(index + 1) : `Shift+${index + 1}`}
              data-pick={`${role}-${side}`}
              disabled={closed}
              onClick={() => onPick(role, side)}
            >
              {side.toUpperCase()}
            </button>
          ))}
        </div>
      ))}
      <div className="quad-send-row">
        <button type="button" className="btn btn-secondary" disabled={closed} aria-keyshortcuts="0" onClick={onAllBad}>
          {t("quadAllBad")} <kbd>0</kbd>
        </button>
        <button
          type="button"
          className="btn btn-primary"
          disabled={closed || !complete}
          aria-keyshortcuts="Enter"
          onClick={onSubmit}
        >
          {t("quadSend")} <kbd>Enter</kbd>
        </button>
      </div>
    </div>
  );
}
