"use client";

import { useEffect, useRef, useState } from "react";
import { useFormatter, useTranslations } from "next-intl";
import { isProvisional } from "@/lib/leaderboard/board-sections";
import { MIN_VOTES_FOR_OWN_BOARD } from "@/lib/leaderboard/own-board-threshold";
import { sideLabel, type SideKey } from "./battle-sides";
import type { Reveal, RevealMark } from "./reveal-rows";

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

/** The badges of a revealed clip: "your pick", "best", "worst" (the voter's choice), a check's degraded copy. */
function MarkBadges({ side, marks }: { side: SideKey; marks: readonly RevealMark[] }) {
  const t = useTranslations("arena");
  return marks.map((mark) =>
    mark === "degraded" ? (
      <span key={mark} className="badge badge-warn" data-testid={`degraded-${side}`}>
        {t("checkDegraded")}
      </span>
    ) : (
      <span
        key={mark}
        className={mark === "worst" ? "badge" : "badge badge-accent"}
        data-testid={`${mark === "yourPick" ? "pick" : mark}-${side}`}
      >
        {t(mark === "yourPick" ? "yourPick" : mark === "best" ? "yourBest" : "yourWorst")}
      </span>
    ),
  );
}

/** Under a clip once the vote is in: the model that made it, linked to its page, and the voter's choice. */
export function RevealedName({
  side,
  model,
  marks,
}: {
  side: SideKey;
  model: { slug: string; name: string; placeholderOnly: boolean };
  marks: readonly RevealMark[];
}) {
  return (
    <>
      <a href={`/models/${model.slug}`} className="clip-model-name" data-testid={`clip-name-${side}`}>
        {model.name}
      </a>
      <MarkBadges side={side} marks={marks.filter((mark) => mark !== "degraded")} />
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
        ? t("provisionalInterval", {
            rating: number(standing.rating),
            low: number(standing.ciLow),
            high: number(standing.ciHigh),
          })
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
  /** The models in shown order with the voter's choice, and the closing sentence (pairReveal, quadReveal). */
  reveal: Reveal;
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
 * After a vote: every model of the battle (two, or four on a quad), linked to their pages (on a
 * check battle the same model twice, the degraded side marked, and whether the vote picked the
 * original), with their rating and rank in this category from the newest leaderboard snapshot,
 * then "Next battle". Shown where the vote buttons were and
 * scrolled into view if needed, so the voter sees it without looking for it.
 */
export function RevealPanel(props: RevealPanelProps) {
  const { reveal, category, categoryName, onNext, loadingNext, tagsNote, myVotes = 0 } = props;
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
      <ul className="reveal-list" data-count={reveal.rows.length}>
        {reveal.rows.map(({ side, model, heldLastFrameMs, marks }) => {
          const standing = standings?.get(model.slug);
          return (
            <li key={side} className="reveal-row">
              <span className="reveal-side" aria-hidden="true">
                {sideLabel(side)}
              </span>
              <a href={`/models/${model.slug}`} className="reveal-name" data-testid={`reveal-${side}`}>
                {model.name}
              </a>
              <span className="reveal-badges">
                <MarkBadges side={side} marks={marks} />
                <PlaceholderBadge shown={model.placeholderOnly} />
              </span>
              {heldLastFrameMs > 0 ? (
                <span className="reveal-held small muted" data-testid={`held-${side}`}>
                  {t("heldLastFrame", {
                    seconds: format.number(heldLastFrameMs / 1000, { maximumFractionDigits: 1 }),
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
        {t(reveal.note.key, reveal.note.values)}
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
