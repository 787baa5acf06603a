"use client";

import { useEffect, useRef, useState } from "react";
import { useFormatter, useTranslations } from "next-intl";
import type { VoteResponse } from "@/lib/arena/schemas";
import { isProvisional } from "@/lib/leaderboard/board-sections";
import { MIN_VOTES_FOR_OWN_BOARD } from "@/lib/leaderboard/own-board-threshold";

type Side = "left" | "right";

/** A model's place on the newest published leaderboard of the battle's category. */
interface Standing {
  rating: number;
  rank: number;
  ciLow: number | null;
  ciHigh: number | null;
  /** Connected group (0 = largest): a rank in another group does not compare with the main one. */
  group: number;
  provisional?: boolean;
}

/** Ratings and ranks (rank (UB)) by model slug from GET /api/leaderboard, or an empty map. */
async function fetchStandings(category: string | undefined): Promise<Map<string, Standing>> {
  // Revalidated every time (a 304 when unchanged): the API lets caches keep it for seconds, and a
  // reveal must not show the board from before the voter's previous vote was published.
  const response = await fetch(`/api/leaderboard?category=${encodeURIComponent(category ?? "overall")}`, {
    cache: "no-cache",
  });
  if (!response.ok) return new Map();
  const body = (await response.json()) as { rows?: (Standing & { slug: string })[] };
  return new Map((body.rows ?? []).map((row) => [row.slug, row]));
}

/** Under a clip once the vote is in: the model that made it, linked to its page, and "your pick". */
export function RevealedName({
  side,
  model,
  picked,
}: {
  side: Side;
  model: { slug: string; name: string; placeholderOnly: boolean };
  picked: boolean;
}) {
  const t = useTranslations("arena");
  return (
    <>
      <a href={`/models/${model.slug}`} className="clip-model-name" data-testid={`clip-name-${side}`}>
        {model.name}
      </a>
      {picked ? <span className="badge badge-accent">{t("yourPick")}</span> : null}
      <PlaceholderBadge shown={model.placeholderOnly} />
    </>
  );
}

/** "demo placeholder only" beside a model whose every clip is a synthetic test pattern. */
function PlaceholderBadge({ shown }: { shown: boolean }) {
  const tc = useTranslations("common");
  return shown ? (
    <span className="badge" data-testid="placeholder-badge">
      {tc("placeholderModel")}
    </span>
  ) : null;
}

/**
 * A standing said whole: the rating with its 95% interval and the rank, or for a separate group
 * that it does not compare with the main ranking, or for a provisional rating its open bound in
 * words and no rank — never a bare "Rating −109 · #4" beside another group's "#1".
 */
function StandingText({ standing, categoryName }: { standing: Standing; categoryName: string }) {
  const t = useTranslations("arena");
  const tl = useTranslations("leaderboard");
  const format = useFormatter();
  const number = (value: number) => format.number(Math.round(value));
  if (isProvisional(standing) || standing.ciLow === null || standing.ciHigh === null) {
    // Provisional: the open bound in words (a ratings-flagged row may still have a closed interval).
    const interval =
      standing.ciLow !== null && standing.ciHigh !== null
        ? `${number(standing.rating)} (95% CI ${number(standing.ciLow)}–${number(standing.ciHigh)})`
        : standing.ciLow !== null
          ? tl("openAboveWords", { low: number(standing.ciLow) })
          : standing.ciHigh !== null
            ? tl("openBelowWords", { high: number(standing.ciHigh) })
            : tl("openBothWords");
    return t("standingProvisional", { interval, category: categoryName });
  }
  const values = {
    rating: number(standing.rating),
    low: number(standing.ciLow),
    high: number(standing.ciHigh),
    rank: standing.rank,
    category: categoryName,
  };
  return standing.group === 0 ? t("standing", values) : t("standingGroup", { ...values, group: standing.group + 1 });
}

interface RevealPanelProps {
  result: VoteResponse;
  outcome: string;
  category?: string;
  categoryName: string;
  onNext: () => void;
  loadingNext: boolean;
  /** Whether the failure tags changed on the reveal are being stored, were stored, or why not. */
  tagsNote?: string | null;
  /** The voter's counted votes so far: from MIN_VOTES_FOR_OWN_BOARD on, the reveal links their own board. */
  myVotes?: number;
}

/**
 * After a vote: both models, linked to their pages (on a check battle the same model twice, the
 * degraded side marked, and whether the vote picked the original), with their rating and rank in this category
 * from the newest leaderboard snapshot, then "Next battle". Shown where the vote buttons were and
 * scrolled into view if needed, so the voter sees it without looking for it.
 */
export function RevealPanel(props: RevealPanelProps) {
  const { result, outcome, category, categoryName, onNext, loadingNext, tagsNote, myVotes = 0 } = props;
  const t = useTranslations("arena");
  const format = useFormatter();
  const [standings, setStandings] = useState<Map<string, Standing> | null>(null);
  const panel = useRef<HTMLDivElement>(null);
  const next = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    let live = true;
    void fetchStandings(category)
      .catch(() => new Map<string, Standing>())
      .then((found) => live && setStandings(found));
    return () => {
      live = false;
    };
  }, [category]);

  useEffect(() => {
    next.current?.focus({ preventScroll: true });
    panel.current?.scrollIntoView({ block: "nearest" });
  }, []);

  return (
    <div className="reveal-panel" ref={panel} aria-live="polite">
      <ul className="reveal-list">
        {(["left", "right"] as const satisfies Side[]).map((side) => {
          const model = result.models[side];
          const standing = standings?.get(model.slug);
          return (
            <li key={side} className="reveal-row">
              <span className="reveal-side" aria-hidden="true">
                {side === "left" ? "A" : "B"}
              </span>
              <a href={`/models/${model.slug}`} className="reveal-name" data-testid={`reveal-${side}`}>
                {model.name}
              </a>
              <span className="reveal-badges">
                {outcome === side ? <span className="badge badge-accent">{t("yourPick")}</span> : null}
                <PlaceholderBadge shown={model.placeholderOnly} />
                {result.check?.degradedSide === side ? (
                  <span className="badge badge-warn" data-testid={`degraded-${side}`}>
                    {t("checkDegraded")}
                  </span>
                ) : null}
              </span>
              {result.heldLastFrameMs[side] > 0 ? (
                <span className="reveal-held small muted" data-testid={`held-${side}`}>
                  {t("heldLastFrame", {
                    seconds: format.number(result.heldLastFrameMs[side] / 1000, { maximumFractionDigits: 1 }),
                  })}
                </span>
              ) : null}
              <span className="reveal-standing small muted" data-testid={`standing-${side}`}>
                {standings === null ? (
                  "…"
                ) : standing ? (
                  <StandingText standing={standing} categoryName={categoryName} />
                ) : (
                  t("notRated")
                )}
              </span>
            </li>
          );
        })}
      </ul>
      <p role="status" className="small" data-testid="vote-thanks">
        {result.check
          ? t(result.check.passed ? "checkPassed" : "checkFailed", {
              side: result.check.degradedSide === "left" ? "A" : "B",
            })
          : result.flagged
            ? t("thanksFlagged")
            : t("thanks")}
      </p>
      {myVotes >= MIN_VOTES_FOR_OWN_BOARD ? (
        <p className="small">
          <a href="/me" data-testid="my-board-link">
            {t("myBoardLink", { count: myVotes })}
          </a>
        </p>
      ) : null}
      <p className="small muted" role="status" data-testid="tags-note">
        {tagsNote ?? t("tagsAfterVote")}
      </p>
      <button
        ref={next}
        type="button"
        className="btn btn-primary"
        onClick={onNext}
        disabled={loadingNext}
        aria-keyshortcuts="N"
      >
        {t("next")} <kbd>N</kbd>
      </button>
    </div>
  );
}
