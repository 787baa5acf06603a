"use client";

import type { ReactNode } from "react";
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
 * The line above a battle's votes, for pairs and quads alike: that a clip failed to play, else
 * that the clips must play through first (`waitMessage`), else `ready` (nothing by default).
 */
export function VoteHint({
  failedLabel,
  watched,
  waitMessage,
  ready = null,
}: {
  failedLabel: string | null;
  watched: boolean;
  waitMessage: string;
  ready?: ReactNode;
}) {
  const t = useTranslations("arena");
  if (failedLabel)
    return (
      <p className="vote-hint vote-hint-failed" role="alert">
        {t("clipFailed", { label: failedLabel })}
      </p>
    );
  if (!watched)
    return (
      <p className="vote-hint" role="status">
        {waitMessage}
      </p>
    );
  return ready;
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
      <VoteHint failedLabel={failedLabel} watched={watched} waitMessage={t("watchFirst", { seconds: watchSeconds })} />
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
