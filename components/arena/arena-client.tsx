"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { apiErrorMessage, apiErrorOf, ApiRequestError } from "@/i18n/api-error-message";
import type {
  AmendTagsBody,
  BattleResponse,
  CreateBattleBody,
  RecognitionBody,
  SkipBody,
  VoteBody,
  VoteResponse,
} from "@/lib/arena/schemas";
import type { FailureTag } from "@/lib/arena/failure-tags";
import { ArenaPrompt } from "./arena-prompt";
import { takeEarlyBattle } from "./early-battle";
import { RecognitionSurvey } from "./recognition-survey";
import { RevealPanel, RevealedName } from "./reveal-panel";
import { SyncedClips } from "./synced-clips";
import { MarkTimeline } from "./mark-timeline";
import { arenaKeyAction } from "./vote-keys";
import { TagPicker } from "./tag-picker";
import { type ChosenTags, SkipButton, VotePanel } from "./vote-panel";

type Outcome = VoteBody["outcome"];
type Side = "left" | "right";

type State =
  | { phase: "loading" }
  | { phase: "error"; message: string }
  | { phase: "voting"; battle: BattleResponse; watched: boolean; sending: boolean; failed: Side | null }
  | { phase: "survey"; battle: BattleResponse; outcome: Outcome; result: VoteResponse; sending: boolean }
  | { phase: "revealed"; battle: BattleResponse; outcome: Outcome; result: VoteResponse };

const NO_TAGS: ChosenTags = { left: [], right: [], times: { left: {}, right: {} } };
/** How long the reveal waits after a tag change before storing the set (a few ticks go as one request). */
const TAG_SAVE_DELAY_MS = 600;

/** The tags as the API takes them: only the sides that have any. */
function tagsBody(tags: ChosenTags): NonNullable<VoteBody["tags"]> {
  const of = (side: Side) =>
    tags[side].map((tag) => {
      const atMs = tags.times[side][tag];
      return atMs === undefined ? tag : { tag, atMs };
    });
  return {
    ...(tags.left.length ? { left: of("left") } : {}),
    ...(tags.right.length ? { right: of("right") } : {}),
  };
}

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
  /** The category's name in the page language, for the reveal ("#2 in Animals"). */
  categoryName: string;
  lang: "zh" | "en";
  /** This voter's counted votes when the page was rendered (0 for a new voter): the reveal links /me from MIN_VOTES_FOR_OWN_BOARD on. */
  countedVotes?: number;
}

/**
 * The voter's loop: load a blind battle, watch, vote (mouse or keys) or skip, see the reveal,
 * next. While the next battle loads the current one stays in place, so the page keeps its height
 * and the voter keeps their place.
 */
export function ArenaClient({ category, categoryName, lang, countedVotes = 0 }: ArenaClientProps) {
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
  const [pendingMark, setPendingMark] = useState<{ side: Side; atMs: number } | null>(null);

  const requestBattle = useCallback(async (): Promise<State> => {
    try {
      const body: CreateBattleBody = { ...(category ? { category } : {}), lang };
      // The first battle was asked for by the page's inline script, before hydration (item 12).
      const battle = await postJson<BattleResponse>("/api/battles", body, takeEarlyBattle(body));
      return { phase: "voting", battle, watched: false, sending: false, failed: null };
    } catch (error) {
      return { phase: "error", message: errorText(error) };
    }
  }, [category, lang, errorText]);

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
          const body: AmendTagsBody = { tags: tagsBody(chosen) };
          await postJson(`/api/battles/${battleId}/tags`, body, null, "PUT");
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

  const vote = useCallback(
    async (outcome: Outcome) => {
      if (state.phase !== "voting" || !state.watched || state.sending || state.failed) return;
      const { battle } = state;
      setState({ ...state, sending: true });
      const chosenTags = tagsBody(tags);
      try {
        const result = await postJson<VoteResponse>(`/api/battles/${battle.battleId}/vote`, {
          outcome,
          ...(Object.keys(chosenTags).length ? { tags: chosenTags } : {}),
        });
        storedTags.current = JSON.stringify(tags);
        if (!result.flagged) setMyVotes((count) => count + 1);
        // The vote is stored; a survey, when this vote asks one, comes before the reveal.
        setState(
          result.survey
            ? { phase: "survey", battle, outcome, result, sending: false }
            : { phase: "revealed", battle, outcome, result },
        );
      } catch (error) {
        setState({ phase: "error", message: errorText(error) });
      }
    },
    [state, tags, errorText],
  );

  const answerSurvey = useCallback(
    async (model: string | null | undefined) => {
      if (state.phase !== "survey" || state.sending) return;
      const { battle, outcome, result } = state;
      if (model !== undefined) {
        setState({ ...state, sending: true });
        const body: RecognitionBody = { model };
        // The answer is optional: whatever becomes of it, the voter sees the reveal.
        await postJson(`/api/battles/${battle.battleId}/recognition`, body).catch(() => null);
      }
      setState({ phase: "revealed", battle, outcome, result });
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
      const target = event.target instanceof HTMLElement ? event.target : null;
      const action = arenaKeyAction(
        event.key,
        event,
        target && {
          tagName: target.tagName,
          type: target instanceof HTMLInputElement ? target.type : undefined,
          role: target.getAttribute("role"),
          isContentEditable: target.isContentEditable,
          // An open dialog, or the player in full screen, uses the keys itself.
          inDialog: target.closest("dialog[open], [aria-modal='true']") !== null,
        },
      );
      if (!action) return;
      if (action.kind === "vote" && state.phase === "voting") void vote(action.outcome);
      else if (action.kind === "skip" && state.phase === "voting") void skip();
      else if (action.kind === "next" && state.phase === "revealed" && !loadingNext) void loadBattle();
      else return;
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [state, vote, skip, loadBattle, loadingNext]);

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
  // Once the vote is stored (the survey, then the reveal), a tag change is stored on its own.
  const voted = state.phase !== "voting";
  const changeTags = (side: Side, chosen: FailureTag[], times = tags.times[side]) => {
    // A tag ticked off loses its time too.
    const kept = Object.fromEntries(Object.entries(times).filter(([tag]) => chosen.includes(tag as FailureTag)));
    const next = { ...tags, [side]: chosen, times: { ...tags.times, [side]: kept } };
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
  const markTag = (side: Side, tag: FailureTag, atMs: number) =>
    changeTags(side, tags[side].includes(tag) ? tags[side] : [...tags[side], tag], {
      ...tags.times[side],
      [tag]: Math.min(atMs, battle.durationMs),
    });
  const watchSeconds = Math.ceil(battle.durationMs / 1000);
  const marking = (state.phase === "voting" && state.sending) || loadingNext;
  const sides: Side[] = ["left", "right"];

  return (
    <section className="arena" aria-labelledby="arena-prompt" aria-busy={loadingNext}>
      <ArenaPrompt text={battle.prompt.text} lang={battle.prompt.lang} imageUrl={battle.prompt.imageUrl} />

      <SyncedClips
        key={battle.battleId}
        withSound={battle.withSound}
        clips={sides.map((side) => ({
          label: side === "left" ? "A" : "B",
          src: battle[side].clipUrl,
          // After the vote, each clip's model is named beside it. Its failure tags sit under it
          // before and after the vote, until the next battle (after the vote, each change is stored).
          caption:
            state.phase === "revealed" ? (
              <RevealedName side={side} model={state.result.models[side]} picked={state.outcome === side} />
            ) : null,
          onMarkKey: (currentMs: number) => setPendingMark({ side, atMs: currentMs }),
          timeline: (
            <MarkTimeline
              label={side === "left" ? "A" : "B"}
              fallbackDurationMs={battle.durationMs}
              marks={tags.times[side]}
              onMark={(tag, atMs) => markTag(side, tag, atMs)}
              disabled={marking}
              pendingMs={pendingMark?.side === side ? pendingMark.atMs : null}
              onPending={(atMs) => setPendingMark(atMs === null ? null : { side, atMs })}
            />
          ),
          tools: (
            <TagPicker
              label={side === "left" ? "A" : "B"}
              selected={tags[side]}
              onChange={(chosen) => changeTags(side, chosen)}
              disabled={(state.phase === "voting" && state.sending) || loadingNext}
            />
          ),
        }))}
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
            current.phase === "voting" && !current.failed ? { ...current, failed: sides[index] ?? null } : current,
          )
        }
      />

      {state.phase === "survey" ? (
        <RecognitionSurvey
          candidates={state.result.survey?.candidates ?? []}
          sending={state.sending}
          onAnswer={(model) => void answerSurvey(model)}
          onSkip={() => void answerSurvey(undefined)}
        />
      ) : state.phase === "voting" ? (
        <VotePanel
          watched={state.watched}
          sending={state.sending || loadingNext}
          watchSeconds={watchSeconds}
          failedLabel={state.failed === "left" ? "A" : state.failed === "right" ? "B" : null}
          onVote={(outcome) => void vote(outcome)}
        />
      ) : (
        <RevealPanel
          result={state.result}
          outcome={state.outcome}
          category={category}
          categoryName={categoryName}
          loadingNext={loadingNext}
          tagsNote={tagsNote}
          myVotes={myVotes}
          onNext={() => void loadBattle()}
        />
      )}
    </section>
  );
}
