"use client";

import { useTranslations } from "next-intl";
import type { VoteBody } from "@/lib/arena/schemas";
import { VOTE_SHORTCUTS } from "./vote-keys";

type Outcome = VoteBody["outcome"];

const BUTTONS = [
  ["left", "voteLeft", "1"],
  ["tie", "voteTie", "2"],
  ["both_bad", "voteBothBad", "3"],
  ["right", "voteRight", "4"],
] as const;

interface VotePanelProps {
  watched: boolean;
  sending: boolean;
  watchSeconds: number;
  /** The label of the clip that failed to play, if one did. */
  failedLabel: string | null;
  onVote: (outcome: Outcome) => void;
}

/** Skip: always open while voting, and the way on when a clip fails to play. */
export function SkipButton({ failed, disabled, onSkip }: { failed: boolean; disabled: boolean; onSkip: () => void }) {
  const t = useTranslations("arena");
  return (
    <button
      type="button"
      className={failed ? "btn btn-primary btn-sm" : "btn btn-secondary btn-sm"}
      disabled={disabled}
      aria-keyshortcuts="S"
      onClick={onSkip}
    >
      {t("skip")} <kbd>S</kbd>
    </button>
  );
}

/**
 * The four votes (closed until both clips played through). The optional failure tags sit under
 * each clip (TagPicker). In the page flow, never sticky: nothing covers the clips or the controls.
 */
export function VotePanel(props: VotePanelProps) {
  const { watched, sending, watchSeconds, failedLabel, onVote } = props;
  const t = useTranslations("arena");
  return (
    <div className="vote-panel" role="group" aria-label={t("voteGroup")}>
      {failedLabel ? (
        <p className="vote-hint vote-hint-failed" role="alert">
          {t("clipFailed", { label: failedLabel })}
        </p>
      ) : !watched ? (
        <p className="vote-hint" role="status">
          {t("watchFirst", { seconds: watchSeconds })}
        </p>
      ) : null}
      <div className="vote-buttons">
        {BUTTONS.map(([outcome, key, keys]) => (
          <button
            key={outcome}
            type="button"
            className={outcome === "left" || outcome === "right" ? "btn btn-primary" : "btn btn-secondary"}
            disabled={!watched || sending || failedLabel !== null}
            aria-keyshortcuts={VOTE_SHORTCUTS[outcome]}
            onClick={() => onVote(outcome)}
          >
            {t(key)} <kbd>{keys}</kbd>
          </button>
        ))}
      </div>
    </div>
  );
}
