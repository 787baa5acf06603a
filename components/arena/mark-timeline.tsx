"use client";

import { use, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { FAILURE_TAG_LABELS, FAILURE_TAGS, type FailureTag } from "@/lib/arena/failure-tags";
import { ClipPlayerContext } from "./synced-clips";

interface MarkTimelineProps {
  label: string;
  /** The battle's announced length, used until the clip's own is known. */
  fallbackDurationMs: number;
  /** This clip's marks: tag → ms of the delivered clip. */
  marks: Partial<Record<FailureTag, number>>;
  onMark: (tag: FailureTag, atMs: number) => void;
  disabled?: boolean;
  /** A time to ask a tag for (key M on the focused clip), set from outside. */
  pendingMs: number | null;
  onPending: (atMs: number | null) => void;
}

const seconds = (ms: number) => (ms / 1000).toFixed(1);

/**
 * One clip's timeline for failure marks (issue 33): a press or click on it stops both clips at
 * that moment (they stay in step) and asks which failure it was; key M does the same at the
 * playhead of the focused clip. Optional and never in the vote's way: closing the question leaves
 * nothing. Marks show as ticks; the time is in milliseconds of the delivered clip.
 */
export function MarkTimeline({
  label,
  fallbackDurationMs,
  marks,
  onMark,
  disabled,
  pendingMs,
  onPending,
}: MarkTimelineProps) {
  const t = useTranslations("arena");
  const lang = useLocale() === "zh" ? "zh" : "en";
  const [hover, setHover] = useState<number | null>(null);
  const player = use(ClipPlayerContext);
  const length = player.durationMs || fallbackDurationMs;
  const at = (clientX: number, rect: DOMRect) =>
    Math.round(Math.min(1, Math.max(0, (clientX - rect.left) / rect.width)) * length);
  const pick = (atMs: number) => {
    player.pauseAll();
    player.seekAll(atMs);
    onPending(atMs);
  };
  const percent = (ms: number) => `${length > 0 ? (100 * ms) / length : 0}%`;
  const marked = FAILURE_TAGS.filter((tag) => marks[tag] !== undefined);
  return (
    <div className="mark-timeline">
      <button
        type="button"
        className="mark-track"
        disabled={disabled || length <= 0}
        // The name starts with the hint the button shows (WCAG 2.5.3, label in name).
        aria-label={t("markTrack", { hint: t("markHint"), label, time: seconds(player.currentMs) })}
        data-mark-track={label}
        onPointerMove={(event) => setHover(at(event.clientX, event.currentTarget.getBoundingClientRect()))}
        onPointerLeave={() => setHover(null)}
        onClick={(event) =>
          // A keyboard press has no position: mark at the playhead.
          pick(event.detail === 0 ? player.currentMs : at(event.clientX, event.currentTarget.getBoundingClientRect()))
        }
      >
        <span className="mark-progress" style={{ width: percent(player.currentMs) }} />
        {marked.map((tag) => (
          <span
            key={tag}
            className="mark-tick"
            style={{ left: percent(marks[tag] ?? 0) }}
            title={FAILURE_TAG_LABELS[tag][lang]}
          />
        ))}
        {hover !== null ? <span className="mark-hover" style={{ left: percent(hover) }} /> : null}
        <span className="mark-hint">{t("markHint")}</span>
      </button>
      {pendingMs !== null ? (
        <div className="mark-chooser" role="group" aria-label={t("markAsk", { label, time: seconds(pendingMs) })}>
          <p className="small">{t("markAsk", { label, time: seconds(pendingMs) })}</p>
          <div className="mark-options">
            {FAILURE_TAGS.map((tag) => (
              <button
                key={tag}
                type="button"
                className="btn btn-secondary btn-sm"
                disabled={disabled}
                onClick={() => {
                  onMark(tag, pendingMs);
                  onPending(null);
                }}
              >
                {FAILURE_TAG_LABELS[tag][lang]}
              </button>
            ))}
            <button type="button" className="btn btn-ghost btn-sm" onClick={() => onPending(null)}>
              {t("markCancel")}
            </button>
          </div>
        </div>
      ) : null}
      {marked.length > 0 ? (
        <ul className="mark-list small">
          {marked.map((tag) => (
            <li key={tag}>{t("markedAt", { tag: FAILURE_TAG_LABELS[tag][lang], time: seconds(marks[tag] ?? 0) })}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
