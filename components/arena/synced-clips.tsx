"use client";

import {
  createContext,
  type CSSProperties,
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
  useSyncExternalStore,
} from "react";
import { useTranslations } from "next-intl";
import { useCssZoom } from "./use-css-zoom";
import { useTheater } from "./use-theater";

export interface SyncedClip {
  /** Short label shown on the clip: "A", "B", or a model name on the named comparison page. */
  label: string;
  src: string;
  /** Shown beside the label under the clip (the arena's reveal puts the model's name here). */
  caption?: React.ReactNode;
  /** Per-clip tools under the caption (the arena's failure tags); hidden in full screen. */
  tools?: React.ReactNode;
  /** A per-clip strip under the frame (the arena's failure-mark timeline); it reads the clip's ClipPlayerContext. */
  timeline?: React.ReactNode;
  /** Key M while focus is in this clip: every clip pauses; gets the clip's playhead, in ms (the arena marks a failure there). */
  onMarkKey?: (currentMs: number) => void;
}

/** What a clip's timeline may read and do; seeking and pausing act on every clip, so they stay in step. */
export interface ClipPlayer {
  currentMs: number;
  /** The clip's length as played, in ms (0 before its metadata). */
  durationMs: number;
  seekAll: (ms: number) => void;
  pauseAll: () => void;
}

/** The player of the clip a timeline sits under (SyncedClip.timeline). */
export const ClipPlayerContext = createContext<ClipPlayer>({
  currentMs: 0,
  durationMs: 0,
  seekAll: () => {},
  pauseAll: () => {},
});

interface SyncedClipsProps {
  clips: SyncedClip[];
  /** Play with sound (the arena says so only when every clip has sound); muted otherwise. */
  withSound?: boolean;
  /** Called once every clip has played through at least once. */
  onAllWatched?: () => void;
  /** Called once per clip the browser cannot play (missing file, unsupported format). */
  onPlaybackFailure?: (index: number) => void;
  /** More controls for the row under the clips (the arena's Skip), kept on the first screen. */
  extraControls?: React.ReactNode;
  /**
   * Small frames (the arena's four clips): a tap on a clip's picture opens it in full screen (its
   * "full screen" button, an icon here, does the same from the keyboard), and the clip's tools
   * share the row of its label, so four clips and their votes fit a phone's first screen.
   */
  compact?: boolean;
}

const REDUCED_MOTION = "(prefers-reduced-motion: reduce)";

/**
 * Where a clip that does not autoplay shows its still, in seconds (at most a quarter of the clip):
 * until a frame is decoded a paused video is a black box, and many generated clips open on a dark
 * or faded frame.
 */
const STILL_AT_SECONDS = 0.25;

/** A paused clip at its start, when clips do not play on their own, shows a frame from its opening as its still. */
function showStill(video: HTMLVideoElement) {
  if (video.paused && video.currentTime === 0 && window.matchMedia(REDUCED_MOTION).matches)
    video.currentTime = Math.min(STILL_AT_SECONDS, video.duration / 4);
}

/** Whether the system asks for reduced motion, following changes; false while rendering on the server. */
function useReducedMotion(): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const query = window.matchMedia(REDUCED_MOTION);
      query.addEventListener("change", onChange);
      return () => query.removeEventListener("change", onChange);
    },
    () => window.matchMedia(REDUCED_MOTION).matches,
    () => false,
  );
}

/** Width over height of a clip once its metadata is known; null before (or for a broken clip). */
function aspectOf(video: HTMLVideoElement): number | null {
  return video.videoWidth > 0 && video.videoHeight > 0 ? video.videoWidth / video.videoHeight : null;
}

/**
 * Clips that play as one: each plays once, the shorter holds its last frame, and all restart
 * together when the longest ends, so they never drift apart. Side by side on a wide screen in equal
 * frames shaped for the tallest clip; stacked on a phone, each at the screen's width and its own
 * aspect. Any clip can be watched full screen and swiped to the others, playing on in sync (the
 * same video elements, see useTheater). Autoplay unless the system asks for reduced motion (then on
 * request). With `withSound`, unmuted when the browser allows it, else a "Sound on" control.
 * Give it a `key` per set of clips: its watch tracking starts over on remount.
 */
export function SyncedClips(props: SyncedClipsProps) {
  const { clips, withSound = false, onAllWatched, onPlaybackFailure, extraControls, compact = false } = props;
  const t = useTranslations("player");
  const videos = useRef<(HTMLVideoElement | null)[]>([]);
  const ended = useRef<boolean[]>(clips.map(() => false));
  const watched = useRef(false);
  const [playing, setPlaying] = useState(false);
  const [soundOn, setSoundOn] = useState(withSound);
  const reducedMotion = useReducedMotion();
  const [failed, setFailed] = useState<boolean[]>(() => clips.map(() => false));
  const [aspects, setAspects] = useState<(number | null)[]>(() => clips.map(() => null));
  const [positions, setPositions] = useState<{ currentMs: number; durationMs: number }[]>(() =>
    clips.map(() => ({ currentMs: 0, durationMs: 0 })),
  );
  const notePosition = useCallback((index: number, video: HTMLVideoElement) => {
    const next = {
      currentMs: Math.round(video.currentTime * 1000),
      durationMs: Number.isFinite(video.duration) ? Math.round(video.duration * 1000) : 0,
    };
    setPositions((current) =>
      current[index]?.currentMs === next.currentMs && current[index]?.durationMs === next.durationMs
        ? current
        : current.map((p, i) => (i === index ? next : p)),
    );
  }, []);
  // Every clip to the same moment (a shorter clip holds its last frame), so they stay in step.
  const seekAll = useCallback(
    (ms: number) =>
      videos.current.forEach((video, i) => {
        if (!video) return;
        video.currentTime = Math.min(ms / 1000, Number.isFinite(video.duration) ? video.duration : ms / 1000);
        ended.current[i] = false;
        notePosition(i, video);
      }),
    [notePosition],
  );
  const pauseAll = useCallback(() => videos.current.forEach((video) => video?.pause()), []);
  const root = useRef<HTMLDivElement>(null);
  const grid = useRef<HTMLDivElement>(null);
  const theater = useTheater(root, grid);
  // Full screen can zoom every clip alike until the picture fills the screen (issue 28): a portrait
  // clip on a prompt with a landscape canvas (one canvas per prompt, docs/blindness.md) then fills a
  // phone's height instead of a strip. The same zoom for every clip, so it tells no model apart.
  const [fill, setFill] = useState(false);
  const fillHint = useId();

  const noteAspect = useCallback((index: number, video: HTMLVideoElement) => {
    const aspect = aspectOf(video);
    setAspects((current) => (current[index] === aspect ? current : current.map((a, i) => (i === index ? aspect : a))));
  }, []);

  const each = (action: (video: HTMLVideoElement) => void) => videos.current.forEach((video) => video && action(video));

  /** Plays every clip; when the browser refuses sound without a user gesture, plays them muted. */
  const playAll = useCallback((muted: boolean) => {
    // A clip that already ended holds its last frame until the longest one ends.
    const all = videos.current.filter((video, i): video is HTMLVideoElement => video !== null && !ended.current[i]);
    videos.current.forEach((video) => video && (video.muted = muted));
    void Promise.all(all.map((video) => video.play())).catch((error: unknown) => {
      if (muted || (error as DOMException).name !== "NotAllowedError") return;
      setSoundOn(false);
      all.forEach((video) => {
        video.muted = true;
        void video.play().catch(() => {});
      });
    });
  }, []);

  const restartAll = useCallback(
    (muted: boolean) => {
      ended.current = ended.current.map(() => false);
      each((video) => (video.currentTime = 0));
      playAll(muted);
    },
    [playAll],
  );

  // Started by script rather than the autoplay attribute: Chromium pauses muted *autoplay* videos
  // that are off screen, which would keep a clip from ever playing through.
  // Only on mount: turning reduced motion on later must not start anything.
  // A clip whose metadata came before hydration missed onLoadedMetadata: its still is shown here.
  useEffect(() => {
    videos.current.forEach(
      (video, index) => video && video.readyState >= HTMLMediaElement.HAVE_METADATA && noteAspect(index, video),
    );
    if (!window.matchMedia(REDUCED_MOTION).matches) playAll(!withSound);
    else
      videos.current.forEach(
        (video) => video && video.readyState >= HTMLMediaElement.HAVE_METADATA && showStill(video),
      );
  }, [playAll, withSound, noteAspect]);

  const onEnded = (index: number) => {
    ended.current[index] = true;
    const waiting = ended.current.some((done, i) => !done && !failed[i]);
    if (waiting) return;
    if (!watched.current && !failed.some(Boolean)) {
      watched.current = true;
      onAllWatched?.();
    }
    restartAll(!soundOn);
  };

  const onError = (index: number) => {
    if (failed[index]) return;
    setFailed((current) => current.map((value, i) => value || i === index));
    onPlaybackFailure?.(index);
  };

  const togglePlay = () => {
    if (playing) each((video) => video.pause());
    else playAll(!soundOn);
  };
  const toggleSound = () => {
    each((video) => (video.muted = soundOn));
    setSoundOn(!soundOn);
  };

  // Wide screens: every frame has the shape of the tallest clip, so none is a strip beside the other.
  const known = aspects.filter((aspect): aspect is number => aspect !== null);
  // The frames' height cap reads the screen's height in viewport units, undone from any CSS zoom.
  const zoom = useCssZoom(grid);
  const gridStyle = {
    ...(known.length ? { "--pair-aspect": Math.min(...known) } : {}),
    ...(zoom !== 1 ? { "--css-zoom": zoom } : {}),
  } as CSSProperties;

  return (
    <div
      ref={root}
      className="synced-clips"
      data-theater={theater.open || undefined}
      data-fill={(theater.open && fill) || undefined}
      role={theater.open ? "dialog" : undefined}
      aria-modal={theater.open || undefined}
      aria-label={theater.open ? t("fullScreen") : undefined}
      onKeyDown={(event) => theater.onKeyDown(event, clips.length)}
    >
      {theater.open ? (
        <div className="theater-bar">
          <div className="theater-tabs" role="group" aria-label={t("switchClip")}>
            {clips.map((clip, index) => (
              <button
                key={clip.src}
                type="button"
                className="btn btn-sm theater-tab"
                aria-pressed={theater.shown === index}
                onClick={() => theater.show(index)}
              >
                {clip.label}
              </button>
            ))}
          </div>
          <span className="theater-hint small">{t("swipeHint")}</span>
          <button
            type="button"
            className="btn btn-sm theater-tab theater-fill"
            aria-pressed={fill}
            aria-describedby={fillHint}
            onClick={() => setFill(!fill)}
          >
            {t("fill")}
          </button>
          <span id={fillHint} hidden>
            {t("fillHint")}
          </span>
          <button type="button" className="btn btn-secondary btn-sm" data-theater-close onClick={theater.leave}>
            {t("close")}
          </button>
        </div>
      ) : null}
      <div
        className="clip-grid"
        data-count={clips.length}
        data-compact={compact || undefined}
        ref={grid}
        style={gridStyle}
        onScroll={theater.onScroll}
      >
        {clips.map((clip, index) => (
          <figure
            className="clip-card"
            key={clip.src}
            aria-hidden={theater.open && theater.shown !== index ? true : undefined}
            style={aspects[index] ? ({ "--clip-aspect": aspects[index] } as CSSProperties) : undefined}
            onKeyDown={(event) => {
              const target = event.target as HTMLElement;
              if ((event.key === "m" || event.key === "M") && clip.onMarkKey && !target.closest("input, textarea")) {
                event.preventDefault();
                // Both clips stop at the marked moment, as a press on the timeline does.
                pauseAll();
                clip.onMarkKey(Math.round((videos.current[index]?.currentTime ?? 0) * 1000));
              }
            }}
          >
            <div className="clip-frame">
              {/* The tap is a shortcut for pointers; the "full screen" button below is the keyboard's way. */}
              <video
                onClick={compact && !theater.open && !failed[index] ? () => theater.enter(index) : undefined}
                ref={(element) => {
                  videos.current[index] = element;
                }}
                src={clip.src}
                muted
                playsInline
                preload="auto"
                aria-label={t("clip", { label: clip.label })}
                data-clip-aspect={aspects[index] ?? undefined}
                onPlay={() => setPlaying(true)}
                onPause={() => setPlaying(videos.current.some((video) => video !== null && !video.paused))}
                onLoadedMetadata={(event) => {
                  noteAspect(index, event.currentTarget);
                  showStill(event.currentTarget);
                }}
                onTimeUpdate={(event) => notePosition(index, event.currentTarget)}
                onDurationChange={(event) => notePosition(index, event.currentTarget)}
                onEnded={() => onEnded(index)}
                onError={() => onError(index)}
              />
              {failed[index] ? (
                <p className="clip-failed" role="alert">
                  {t("failed", { label: clip.label })}
                </p>
              ) : null}
            </div>
            {/* Label, name and "full screen" under the frame, never over the picture. */}
            <figcaption className="clip-caption">
              <span className="clip-label">{clip.label}</span>
              {clip.caption ? <span className="clip-caption-detail">{clip.caption}</span> : null}
              {compact && clip.tools && !theater.open ? <div className="clip-tools">{clip.tools}</div> : null}
              {failed[index] || theater.open ? null : (
                <button
                  type="button"
                  className="btn btn-ghost btn-sm clip-enlarge"
                  data-enlarge={index}
                  onClick={() => theater.enter(index)}
                >
                  {compact ? (
                    <>
                      <span aria-hidden="true">⤢</span>
                      <span className="visually-hidden">{t("enlarge", { label: clip.label })}</span>
                    </>
                  ) : (
                    t("enlarge", { label: clip.label })
                  )}
                </button>
              )}
            </figcaption>
            {clip.timeline && !theater.open ? (
              <ClipPlayerContext
                value={{ ...(positions[index] ?? { currentMs: 0, durationMs: 0 }), seekAll, pauseAll }}
              >
                {clip.timeline}
              </ClipPlayerContext>
            ) : null}
            {clip.tools && !theater.open && !compact ? <div className="clip-tools">{clip.tools}</div> : null}
          </figure>
        ))}
      </div>
      <div
        className={reducedMotion && !playing ? "player-controls player-controls-pinned" : "player-controls"}
        role="group"
        aria-label={t("controls")}
      >
        <button
          type="button"
          className={reducedMotion && !playing ? "btn btn-primary btn-sm" : "btn btn-secondary btn-sm"}
          onClick={togglePlay}
        >
          {playing ? t("pause") : t("play")}
        </button>
        <button type="button" className="btn btn-secondary btn-sm" onClick={() => restartAll(!soundOn)}>
          {t("restart")}
        </button>
        {withSound ? (
          <button type="button" className="btn btn-secondary btn-sm" aria-pressed={soundOn} onClick={toggleSound}>
            {soundOn ? t("soundOff") : t("soundOn")}
          </button>
        ) : null}
        {theater.open ? null : extraControls}
        {reducedMotion && !playing ? <span className="small muted">{t("reducedMotion")}</span> : null}
      </div>
    </div>
  );
}
