"use client";

import { useCallback, useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import type { FailureTag } from "@/lib/arena/failure-tags";
import type { BattleResponse, VoteBody, VoteResponse } from "@/lib/arena/schemas";
import { SyncedClips } from "./synced-clips";
import { TagPicker } from "./tag-picker";

type Outcome = VoteBody["outcome"];

type State =
  | { phase: "loading" }
  | { phase: "error"; message: string }
  | { phase: "voting"; battle: BattleResponse; watched: boolean; sending: boolean }
  | { phase: "revealed"; battle: BattleResponse; outcome: Outcome; result: VoteResponse };

const KEY_OUTCOMES: Record<string, Outcome> = {
  ArrowLeft: "left",
  ArrowRight: "right",
  ArrowUp: "tie",
  "=": "tie",
  ArrowDown: "both_bad",
};

async function postJson<T>(url: string, body: unknown): Promise<T> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const json = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
  if (!response.ok) throw new Error(json?.error?.message ?? `HTTP ${response.status}`);
  return json as T;
}

/** The voter's loop: load a blind battle, watch, vote (mouse or keys), see the reveal, next. */
export function ArenaClient({ category, lang }: { category?: string; lang: "zh" | "en" }) {
  const t = useTranslations("arena");
  const [state, setState] = useState<State>({ phase: "loading" });
  const [tags, setTags] = useState<{ left: FailureTag[]; right: FailureTag[] }>({ left: [], right: [] });

  const requestBattle = useCallback(async (): Promise<State> => {
    try {
      const battle = await postJson<BattleResponse>("/api/battles", { ...(category ? { category } : {}), lang });
      return { phase: "voting", battle, watched: false, sending: false };
    } catch (error) {
      return { phase: "error", message: (error as Error).message };
    }
  }, [category, lang]);

  useEffect(() => {
    let live = true;
    void requestBattle().then((next) => live && setState(next));
    return () => {
      live = false;
    };
  }, [requestBattle]);

  const loadBattle = useCallback(async () => {
    setState({ phase: "loading" });
    setTags({ left: [], right: [] });
    setState(await requestBattle());
  }, [requestBattle]);

  const vote = useCallback(
    async (outcome: Outcome) => {
      if (state.phase !== "voting" || !state.watched || state.sending) return;
      const { battle } = state;
      setState({ ...state, sending: true });
      const chosenTags = {
        ...(tags.left.length ? { left: tags.left } : {}),
        ...(tags.right.length ? { right: tags.right } : {}),
      };
      try {
        const result = await postJson<VoteResponse>(`/api/battles/${battle.battleId}/vote`, {
          outcome,
          ...(Object.keys(chosenTags).length ? { tags: chosenTags } : {}),
        });
        setState({ phase: "revealed", battle, outcome, result });
      } catch (error) {
        setState({ phase: "error", message: (error as Error).message });
      }
    },
    [state, tags],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      if ((event.target as HTMLElement).closest("input, select, textarea, dialog[open]")) return;
      const outcome = KEY_OUTCOMES[event.key];
      if (outcome && state.phase === "voting") {
        event.preventDefault();
        void vote(outcome);
      } else if ((event.key === "n" || event.key === "N") && state.phase === "revealed") {
        event.preventDefault();
        void loadBattle();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [state, vote, loadBattle]);

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
  const revealed = state.phase === "revealed" ? state : null;
  const sides = [
    { side: "left" as const, label: "A", src: battle.left.clipUrl },
    { side: "right" as const, label: "B", src: battle.right.clipUrl },
  ];
  const watchSeconds = Math.ceil(Math.max(battle.left.durationMs, battle.right.durationMs) / 1000);

  return (
    <section className="arena" aria-labelledby="arena-prompt">
      <div className="arena-prompt card">
        {battle.prompt.imageUrl ? (
          // eslint-disable-next-line @next/next/no-img-element -- per-battle opaque URL; next/image would re-host it
          <img src={battle.prompt.imageUrl} alt={t("startImage")} className="arena-start-image" />
        ) : null}
        <div>
          <h2 id="arena-prompt" className="arena-prompt-title">
            {t("prompt")}
          </h2>
          <p className="arena-prompt-text" lang={lang === "zh" ? "zh-CN" : "en"}>
            {battle.prompt.text}
          </p>
        </div>
      </div>

      <SyncedClips
        key={battle.battleId}
        clips={sides.map(({ side, label, src }) => ({
          label,
          src,
          caption: revealed ? (
            <span className="reveal" data-testid={`reveal-${side}`}>
              {revealed.result.reveal[side]}
              {revealed.outcome === side ? <span className="badge badge-accent">{t("yourPick")}</span> : null}
            </span>
          ) : undefined,
          footer: (
            <TagPicker
              label={label}
              selected={tags[side]}
              disabled={state.phase !== "voting"}
              onChange={(next) => setTags((current) => ({ ...current, [side]: next }))}
            />
          ),
        }))}
        onAllWatched={() =>
          setState((current) => (current.phase === "voting" ? { ...current, watched: true } : current))
        }
      />

      {state.phase === "voting" ? (
        <div className="vote-bar" role="group" aria-label={t("voteGroup")}>
          {!state.watched ? (
            <p className="vote-hint" role="status">
              {t("watchFirst", { seconds: watchSeconds })}
            </p>
          ) : null}
          <div className="vote-buttons">
            {(
              [
                ["left", "voteLeft", "←"],
                ["tie", "voteTie", "↑ ="],
                ["both_bad", "voteBothBad", "↓"],
                ["right", "voteRight", "→"],
              ] as const
            ).map(([outcome, key, keys]) => (
              <button
                key={outcome}
                type="button"
                className={outcome === "left" || outcome === "right" ? "btn btn-primary" : "btn btn-secondary"}
                disabled={!state.watched || state.sending}
                aria-keyshortcuts={keys
                  .replace("←", "ArrowLeft")
                  .replace("→", "ArrowRight")
                  .replace("↑ =", "ArrowUp =")
                  .replace("↓", "ArrowDown")}
                onClick={() => void vote(outcome)}
              >
                {t(key)} <kbd>{keys}</kbd>
              </button>
            ))}
          </div>
        </div>
      ) : (
        <div className="vote-bar">
          <p role="status">{revealed?.result.flagged ? t("thanksFlagged") : t("thanks")}</p>
          <button type="button" className="btn btn-primary" onClick={() => void loadBattle()} aria-keyshortcuts="N">
            {t("next")} <kbd>N</kbd>
          </button>
        </div>
      )}
    </section>
  );
}
