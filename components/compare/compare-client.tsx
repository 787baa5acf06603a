"use client";

import { useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import { apiErrorMessage, apiErrorOf } from "@/i18n/api-error-message";
import type { VoteBody } from "@/lib/arena/schemas";
import { SyncedClips } from "../arena/synced-clips";

interface CompareClientProps {
  promptId: string;
  clips: { clipId: string; modelSlug: string; modelName: string }[];
}

type Outcome = VoteBody["outcome"];

/** Named clips in sync; with exactly two, a vote that is stored as `named` (never rated). */
export function CompareClient({ promptId, clips }: CompareClientProps) {
  const t = useTranslations("compare");
  const ta = useTranslations("arena");
  const [battleId, setBattleId] = useState<string | null>(null);
  const tError = useTranslations("apiErrors");
  const [status, setStatus] = useState<"idle" | "sent" | "error">("idle");
  /** Why the last request failed, in the page's language; null for a network failure. */
  const [failure, setFailure] = useState<string | null>(null);
  const fail = async (response: Response) => {
    setFailure(apiErrorMessage(tError, await apiErrorOf(response), () => null));
    setStatus("error");
  };
  const pair = clips.length === 2 ? clips : null;
  const pairKey = pair ? `${promptId}:${pair[0]?.modelSlug}:${pair[1]?.modelSlug}` : null;

  useEffect(() => {
    if (!pair) return;
    let cancelled = false;
    fetch("/api/compare/battles", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ promptId, models: pair.map((c) => c.modelSlug) }),
    })
      .then(async (response) => {
        if (cancelled) return;
        if (!response.ok) return void (await fail(response));
        const body = (await response.json()) as { battleId: string };
        if (!cancelled) setBattleId(body.battleId);
      })
      .catch(() => {
        if (cancelled) return;
        setFailure(null);
        setStatus("error");
      });
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- one named battle per chosen pair
  }, [pairKey]);

  const vote = async (outcome: Outcome) => {
    if (!battleId) return;
    const response = await fetch(`/api/battles/${battleId}/vote`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ outcome }),
    }).catch(() => null);
    if (response?.ok) setStatus("sent");
    else if (response) await fail(response);
    else {
      setFailure(null);
      setStatus("error");
    }
  };

  return (
    <div className="stack">
      <SyncedClips clips={clips.map((clip) => ({ label: clip.modelName, src: `/media/clips/${clip.clipId}` }))} />
      {pair ? (
        <div className="vote-bar" role="group" aria-label={t("voteGroup")}>
          <p className="muted">{t("namedNotice")}</p>
          {status === "sent" ? (
            <p role="status">{t("thanks")}</p>
          ) : (
            <div className="vote-buttons">
              {(
                [
                  ["left", pair[0]?.modelName],
                  ["tie", ta("voteTie")],
                  ["both_bad", ta("voteBothBad")],
                  ["right", pair[1]?.modelName],
                ] as const
              ).map(([outcome, label]) => (
                <button
                  key={outcome}
                  type="button"
                  className="btn btn-secondary"
                  disabled={!battleId}
                  onClick={() => void vote(outcome)}
                >
                  {outcome === "left" || outcome === "right" ? t("better", { model: label ?? "" }) : label}
                </button>
              ))}
            </div>
          )}
          {status === "error" ? <p role="alert">{failure ?? t("error")}</p> : null}
        </div>
      ) : null}
    </div>
  );
}
