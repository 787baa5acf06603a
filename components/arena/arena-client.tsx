"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { apiErrorMessage, apiErrorOf, ApiRequestError } from "@/i18n/api-error-message";
import type {
  QuadSide,
  QuadVoteResponse,
  RecognitionBody,
  SkipBody,
  VoteBody,
  VoteResponse,
} from "@/lib/arena/schemas";
import type { FailureTag } from "@/lib/arena/failure-tags";
import { ArenaPrompt } from "./arena-prompt";
import { type ArenaSize, rememberArenaSize } from "./arena-size";
import { type AnyBattle, isQuad, shownClips, sideLabel, type SideKey } from "./battle-sides";
import { type ChosenTags, NO_TAGS, tagsBody, withSideTags } from "./chosen-tags";
import { battleRequestBody, takeEarlyBattle } from "./early-battle";
import { NO_PICKS, pickQuad, type QuadPicks, quadVoteOf } from "./quad-picks";
import { QuadVotePanel } from "./quad-vote-panel";
import { RecognitionSurvey } from "./recognition-survey";
import { RevealPanel, RevealedName } from "./reveal-panel";
import { pairReveal, quadReveal } from "./reveal-rows";
import { SyncedClips } from "./synced-clips";
import { MarkTimeline } from "./mark-timeline";
import { arenaKeyAction, type KeyTarget, quadKeyAction } from "./vote-keys";
import { TagPicker } from "./tag-picker";
import { SkipButton, VotePanel } from "./vote-panel";

type Outcome = VoteBody["outcome"];

/** A stored vote: a pair's outcome, or a quad's best and worst (null: all bad), with the server's reveal. */
type Verdict =
  { size: 2; outcome: Outcome; result: VoteResponse } | { size: 4; picks: QuadPicks | null; result: QuadVoteResponse };

type State =
  | { phase: "loading" }
  | { phase: "error"; message: string }
  | {
      phase: "voting";
      battle: AnyBattle;
      watched: boolean;
      sending: boolean;
      failed: SideKey | null;
      /** A quad's best and worst so far, and the last choice refused (the clip holds the other role). */
      picks: QuadPicks;
      refused: { role: "best" | "worst"; side: QuadSide } | null;
    }
  | { phase: "survey"; battle: AnyBattle; verdict: Verdict; sending: boolean }
  | { phase: "revealed"; battle: AnyBattle; verdict: Verdict };

/** How long the reveal waits after a tag change before storing the set (a few ticks go as one request). */
const TAG_SAVE_DELAY_MS = 600;

async function postJson<T>(
  url: string,
  body: unknown,
  early?: Promise<Response> | null,
  method: "POST" | "PUT" = "POST",
): Promise<T> {
  const response =
    (await (early?.catch(() => null) ?? null)) ??
    (await fetch(url, {
      method,
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    }));
  if (!response.ok) throw new ApiRequestError(await apiErrorOf(response));
  return (await response.json()) as T;
}

interface ArenaClientProps {
  category?: string;
  /** Two clips or four (issue 32): the size the page serves here (servedArenaSize). */
  size?: ArenaSize;
  /** A size the voter chose through the address (`?size=`): remembered in a cookie for the next visit. */
  rememberSize?: ArenaSize;
  /** The category's name in the page language, for the reveal ("#2 in Animals"). */
  categoryName: string;
  lang: "zh" | "en";
  /** This voter's counted votes when the page was rendered (0 for a new voter): the reveal links /me from MIN_VOTES_FOR_OWN_BOARD on. */
  countedVotes?: number;
}

/**
 * The voter's loop: load a blind battle (a pair, or a quad with `size` 4), watch, vote (mouse or
 * keys) or skip, see the reveal, next. While the next battle loads the current one stays in place,
 * so the page keeps its height and the voter keeps their place.
 */
export function ArenaClient(props: ArenaClientProps) {
  const { category, size = 2, rememberSize, categoryName, lang, countedVotes = 0 } = props;
  const t = useTranslations("arena");
  const tError = useTranslations("apiErrors");
  // A known code in the page's language (battle_expired, already_voted, rate_limited, …); an
  // unknown one, or a network failure, keeps the message it came with.
  const errorText = useCallback(
    (error: unknown) =>
      error instanceof ApiRequestError ? apiErrorMessage(tError, error.body, () => null) : (error as Error).message,
    [tError],
  );
  const [state, setState] = useState<State>({ phase: "loading" });
  const [loadingNext, setLoadingNext] = useState(false);
  const [tags, setTags] = useState<ChosenTags>(NO_TAGS);
  // After the vote, tag changes are stored with PUT …/tags until the next battle is asked for:
  // the set last stored, the queue of saves, the pending delayed save, and what the voter sees.
  const storedTags = useRef<string>(JSON.stringify(NO_TAGS));
  const saving = useRef<Promise<void>>(Promise.resolve());
  const saveTimer = useRef<{ id: ReturnType<typeof setTimeout>; run: () => void } | null>(null);
  const [tagsNote, setTagsNote] = useState<string | null>(null);
  // Counted votes so far: the page's count, plus this page's votes the server did not flag.
  const [myVotes, setMyVotes] = useState(countedVotes);
  /** A moment the voter pressed on a clip's timeline (or key M), waiting for its tag. */
  const [pendingMark, setPendingMark] = useState<{ side: SideKey; atMs: number } | null>(null);

  useEffect(() => {
    if (rememberSize) rememberArenaSize(rememberSize);
  }, [rememberSize]);

  const requestBattle = useCallback(async (): Promise<State> => {
    try {
      const body = battleRequestBody(category, lang, size);
      // The first battle was asked for by the page's inline script, before hydration (item 12).
      const battle = await postJson<AnyBattle>("/api/battles", body, takeEarlyBattle(body));
      return { phase: "voting", battle, watched: false, sending: false, failed: null, picks: NO_PICKS, refused: null };
    } catch (error) {
      return { phase: "error", message: errorText(error) };
    }
  }, [category, lang, size, errorText]);

  useEffect(() => {
    let live = true;
    void requestBattle().then((next) => live && setState(next));
    return () => {
      live = false;
    };
  }, [requestBattle]);

  /** Stores `chosen` as the revealed battle's tags, after any save before it; a failure is said, not thrown. */
  const saveTags = useCallback(
    (battleId: string, chosen: ChosenTags) => {
      saving.current = saving.current.then(async () => {
        const key = JSON.stringify(chosen);
        if (key === storedTags.current) return;
        setTagsNote(t("tagsSaving"));
        try {
          await postJson(`/api/battles/${battleId}/tags`, { tags: tagsBody(chosen) }, null, "PUT");
          storedTags.current = key;
          setTagsNote(t("tagsSaved"));
        } catch (error) {
          setTagsNote(errorText(error));
        }
      });
      return saving.current;
    },
    [t, errorText],
  );

  /** Sends a delayed tag save now, and waits for every save to finish. */
  const flushTags = useCallback(async () => {
    const pending = saveTimer.current;
    if (pending) {
      clearTimeout(pending.id);
      saveTimer.current = null;
      pending.run();
    }
    await saving.current;
  }, []);

  const loadBattle = useCallback(async () => {
    setLoadingNext(true);
    // Tags changed on the reveal are stored before the next battle closes them (tags_closed).
    await flushTags();
    const next = await requestBattle();
    setTags(NO_TAGS);
    setPendingMark(null);
    storedTags.current = JSON.stringify(NO_TAGS);
    setTagsNote(null);
    setState(next);
    setLoadingNext(false);
  }, [requestBattle, flushTags]);

  /** Sends a vote (a pair's or a quad's body) with the tags chosen so far; the survey, when asked, comes before the reveal. */
  const sendVote = useCallback(
    async (body: object, verdictOf: (result: unknown) => Verdict) => {
      if (state.phase !== "voting" || !state.watched || state.sending || state.failed) return;
      const { battle } = state;
      setState({ ...state, sending: true });
      const chosenTags = tagsBody(tags);
      try {
        const result = await postJson<unknown>(`/api/battles/${battle.battleId}/vote`, {
          ...body,
          ...(Object.keys(chosenTags).length ? { tags: chosenTags } : {}),
        });
        const verdict = verdictOf(result);
        storedTags.current = JSON.stringify(tags);
        if (!verdict.result.flagged) setMyVotes((count) => count + 1);
        setState(
          verdict.size === 2 && verdict.result.survey
            ? { phase: "survey", battle, verdict, sending: false }
            : { phase: "revealed", battle, verdict },
        );
      } catch (error) {
        setState({ phase: "error", message: errorText(error) });
      }
    },
    [state, tags, errorText],
  );

  const vote = useCallback(
    (outcome: Outcome) => sendVote({ outcome }, (result) => ({ size: 2, outcome, result: result as VoteResponse })),
    [sendVote],
  );

  /** A quad's vote: the chosen best and worst (nothing is sent until both are chosen), or all bad (null). */
  const voteQuad = useCallback(
    (picks: QuadPicks | null) => {
      const chosen = picks && quadVoteOf(picks);
      if (picks && !chosen) return;
      return sendVote(chosen ?? { outcome: "all_bad" }, (result) => ({
        size: 4,
        picks,
        result: result as QuadVoteResponse,
      }));
    },
    [sendVote],
  );

  const pick = useCallback((role: "best" | "worst", side: QuadSide) => {
    setState((current) => {
      if (current.phase !== "voting" || !current.watched || current.sending || current.failed) return current;
      const { picks, refused } = pickQuad(current.picks, role, side);
      return { ...current, picks, refused: refused ? { role, side } : null };
    });
  }, []);

  const answerSurvey = useCallback(
    async (model: string | null | undefined) => {
      if (state.phase !== "survey" || state.sending) return;
      const { battle, verdict } = state;
      if (model !== undefined) {
        setState({ ...state, sending: true });
        const body: RecognitionBody = { model };
        // The answer is optional: whatever becomes of it, the voter sees the reveal.
        await postJson(`/api/battles/${battle.battleId}/recognition`, body).catch(() => null);
      }
      setState({ phase: "revealed", battle, verdict });
    },
    [state],
  );

  const skip = useCallback(async () => {
    if (state.phase !== "voting" || state.sending) return;
    setState({ ...state, sending: true });
    const body: SkipBody = state.failed ? { playbackFailure: state.failed } : {};
    try {
      await postJson(`/api/battles/${state.battle.battleId}/skip`, body);
      await loadBattle();
    } catch (error) {
      setState({ phase: "error", message: errorText(error) });
    }
  }, [state, loadBattle, errorText]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const element = event.target instanceof HTMLElement ? event.target : null;
      const target: KeyTarget | null = element && {
        tagName: element.tagName,
        type: element instanceof HTMLInputElement ? element.type : undefined,
        role: element.getAttribute("role"),
        isContentEditable: element.isContentEditable,
        // An open dialog, or the player in full screen, uses the keys itself.
        inDialog: element.closest("dialog[open], [aria-modal='true']") !== null,
        inQuadPicks: element.closest("[data-quad-picks]") !== null,
      };
      const voting = state.phase === "voting";
      const quad = state.phase !== "loading" && state.phase !== "error" && isQuad(state.battle);
      const action = quad ? quadKeyAction(event, target) : arenaKeyAction(event.key, event, target);
      if (!action) return;
      if (action.kind === "vote" && voting) void vote(action.outcome);
      else if (action.kind === "pick" && voting) {
        pick(action.role, action.side);
        // Focus follows the choice into the pick buttons, so Enter then sends the vote there
        // rather than pressing whatever link or button kept focus (the "Four clips" switch).
        document
          .querySelector<HTMLElement>(`[data-pick="${action.role}-${action.side}"]`)
          ?.focus({ preventScroll: true });
      } else if (action.kind === "all_bad" && voting) void voteQuad(null);
      else if (action.kind === "submit" && voting && quadVoteOf(state.picks)) void voteQuad(state.picks);
      else if (action.kind === "skip" && voting) void skip();
      else if (action.kind === "next" && state.phase === "revealed" && !loadingNext) void loadBattle();
      else return;
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [state, vote, voteQuad, pick, skip, loadBattle, loadingNext]);

  if (state.phase === "loading")
    return (
      <p className="arena-status" role="status">
        {t("loading")}
      </p>
    );
  if (state.phase === "error") {
    return (
      <div className="notice" role="alert">
        <p>{state.message}</p>
        <button type="button" className="btn btn-primary" onClick={() => void loadBattle()}>
          {t("tryAgain")}
        </button>
      </div>
    );
  }

  const { battle } = state;
  const quad = isQuad(battle);
  const clips = shownClips(battle);
  // Once the vote is stored (the survey, then the reveal), a tag change is stored on its own.
  const voted = state.phase !== "voting";
  const changeTags = (side: SideKey, chosen: FailureTag[], times?: Partial<Record<FailureTag, number>>) => {
    const next = withSideTags(tags, side, chosen, times);
    setTags(next);
    if (!voted) return; // before the vote, the tags go with it
    if (saveTimer.current) clearTimeout(saveTimer.current.id);
    const run = () => void saveTags(battle.battleId, next);
    saveTimer.current = {
      id: setTimeout(() => {
        saveTimer.current = null;
        run();
      }, TAG_SAVE_DELAY_MS),
      run,
    };
  };
  const markTag = (side: SideKey, tag: FailureTag, atMs: number) => {
    const chosen = tags.tags[side] ?? [];
    changeTags(side, chosen.includes(tag) ? chosen : [...chosen, tag], {
      ...tags.times[side],
      [tag]: Math.min(atMs, battle.durationMs),
    });
  };
  const watchSeconds = Math.ceil(battle.durationMs / 1000);
  const marking = (state.phase === "voting" && state.sending) || loadingNext;
  const reveal =
    state.phase !== "revealed"
      ? null
      : state.verdict.size === 2
        ? pairReveal(state.verdict.result, state.verdict.outcome)
        : quadReveal(state.verdict.result, state.verdict.picks);

  return (
    <section className="arena" aria-labelledby="arena-prompt" aria-busy={loadingNext}>
      <ArenaPrompt text={battle.prompt.text} lang={battle.prompt.lang} imageUrl={battle.prompt.imageUrl} />

      <SyncedClips
        key={battle.battleId}
        withSound={battle.withSound}
        compact={quad}
        clips={clips.map(({ side, label, clipUrl }) => {
          const revealed = reveal?.rows.find((row) => row.side === side);
          return {
            label,
            src: clipUrl,
            // After the vote, each clip's model is named beside it. Its failure tags sit under it
            // before and after the vote, until the next battle (after the vote, each change is stored).
            caption: revealed ? <RevealedName side={side} model={revealed.model} marks={revealed.marks} /> : null,
            onMarkKey: (currentMs: number) => setPendingMark({ side, atMs: currentMs }),
            timeline: (
              <MarkTimeline
                label={label}
                fallbackDurationMs={battle.durationMs}
                marks={tags.times[side] ?? {}}
                onMark={(tag, atMs) => markTag(side, tag, atMs)}
                disabled={marking}
                pendingMs={pendingMark?.side === side ? pendingMark.atMs : null}
                onPending={(atMs) => setPendingMark(atMs === null ? null : { side, atMs })}
              />
            ),
            tools: (
              <TagPicker
                label={label}
                short={quad}
                selected={tags.tags[side] ?? []}
                onChange={(chosen) => changeTags(side, chosen)}
                disabled={(state.phase === "voting" && state.sending) || loadingNext}
              />
            ),
          };
        })}
        onAllWatched={() =>
          setState((current) => (current.phase === "voting" ? { ...current, watched: true } : current))
        }
        extraControls={
          state.phase === "voting" ? (
            <SkipButton
              failed={state.failed !== null}
              disabled={state.sending || loadingNext}
              onSkip={() => void skip()}
            />
          ) : null
        }
        onPlaybackFailure={(index) =>
          setState((current) =>
            current.phase === "voting" && !current.failed
              ? { ...current, failed: clips[index]?.side ?? null }
              : current,
          )
        }
      />

      {state.phase === "survey" ? (
        <RecognitionSurvey
          candidates={(state.verdict.size === 2 && state.verdict.result.survey?.candidates) || []}
          sending={state.sending}
          onAnswer={(model) => void answerSurvey(model)}
          onSkip={() => void answerSurvey(undefined)}
        />
      ) : state.phase === "voting" && quad ? (
        <QuadVotePanel
          picks={state.picks}
          refused={state.refused}
          watched={state.watched}
          sending={state.sending || loadingNext}
          watchSeconds={watchSeconds}
          failedLabel={state.failed ? sideLabel(state.failed) : null}
          onPick={pick}
          onAllBad={() => void voteQuad(null)}
          onSubmit={() => void voteQuad(state.picks)}
        />
      ) : state.phase === "voting" ? (
        <VotePanel
          watched={state.watched}
          sending={state.sending || loadingNext}
          watchSeconds={watchSeconds}
          failedLabel={state.failed ? sideLabel(state.failed) : null}
          onVote={(outcome) => void vote(outcome)}
        />
      ) : reveal ? (
        <RevealPanel
          reveal={reveal}
          category={category}
          categoryName={categoryName}
          loadingNext={loadingNext}
          tagsNote={tagsNote}
          myVotes={myVotes}
          onNext={() => void loadBattle()}
        />
      ) : null}
    </section>
  );
}
