"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";

export interface SyncedClip {
  /** Short label shown on the clip: "A", "B", or a model name on the named comparison page. */
  label: string;
  src: string;
  /** Text under the clip (e.g. the revealed model name). */
  caption?: React.ReactNode;
  /** Extra controls under the clip (e.g. failure tags). */
  footer?: React.ReactNode;
}

interface SyncedClipsProps {
  clips: SyncedClip[];
  /** Called once every clip has played through at least once. */
  onAllWatched?: () => void;
}

/**
 * Clips side by side (stacked on a phone), muted and looped, with one control that plays, pauses
 * and restarts them together, and a way to view any one large. Give it a `key` per set of clips:
 * its watch tracking starts over on remount.
 */
export function SyncedClips({ clips, onAllWatched }: SyncedClipsProps) {
  const t = useTranslations("player");
  const videos = useRef<(HTMLVideoElement | null)[]>([]);
  const watched = useRef<boolean[]>(clips.map(() => false));
  const lastTimes = useRef<number[]>(clips.map(() => 0));
  const [playing, setPlaying] = useState(true);
  const [enlarged, setEnlarged] = useState<number | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);

  const markWatched = useCallback(
    (index: number) => {
      if (watched.current[index]) return;
      watched.current[index] = true;
      if (watched.current.every(Boolean)) onAllWatched?.();
    },
    [onAllWatched],
  );

  const all = (action: (video: HTMLVideoElement) => void) => videos.current.forEach((video) => video && action(video));
  const togglePlay = () => {
    if (playing) all((video) => video.pause());
    else all((video) => void video.play().catch(() => {}));
    setPlaying(!playing);
  };
  const restart = () => {
    all((video) => {
      video.currentTime = 0;
      void video.play().catch(() => {});
    });
    setPlaying(true);
  };

  // Started by script rather than the autoplay attribute: Chromium pauses muted *autoplay* videos
  // that are off screen, which on a phone (clips stacked) would keep the lower clip from ever
  // playing through, and voting from ever opening.
  useEffect(() => {
    videos.current.forEach((video) => void video?.play().catch(() => {}));
  }, []);

  useEffect(() => {
    if (enlarged === null) dialog.current?.close();
    else dialog.current?.showModal();
  }, [enlarged]);

  return (
    <div className="synced-clips">
      <div className="clip-grid" data-count={clips.length}>
        {clips.map((clip, index) => (
          <figure className="clip-card" key={clip.src}>
            <div className="clip-frame">
              <span className="clip-label" aria-hidden="true">
                {clip.label}
              </span>
              <video
                ref={(element) => {
                  videos.current[index] = element;
                }}
                src={clip.src}
                muted
                loop
                playsInline
                preload="auto"
                aria-label={t("clip", { label: clip.label })}
                onTimeUpdate={(event) => {
                  // Looped clips never fire "ended": a jump back in time or the last frame means one full play.
                  const { currentTime, duration } = event.currentTarget;
                  const previous = lastTimes.current[index] ?? 0;
                  lastTimes.current[index] = currentTime;
                  if (currentTime < previous - 0.5 || (duration > 0 && currentTime >= duration - 0.35))
                    markWatched(index);
                }}
              />
              <button type="button" className="btn btn-ghost clip-enlarge" onClick={() => setEnlarged(index)}>
                {t("enlarge", { label: clip.label })}
              </button>
            </div>
            {clip.caption ? <figcaption className="clip-caption">{clip.caption}</figcaption> : null}
            {clip.footer}
          </figure>
        ))}
      </div>
      <div className="player-controls" role="group" aria-label={t("controls")}>
        <button type="button" className="btn btn-secondary" onClick={togglePlay}>
          {playing ? t("pause") : t("play")}
        </button>
        <button type="button" className="btn btn-secondary" onClick={restart}>
          {t("restart")}
        </button>
      </div>
      <dialog ref={dialog} className="clip-dialog" onClose={() => setEnlarged(null)} aria-label={t("enlarged")}>
        {enlarged !== null && clips[enlarged] ? (
          <video src={clips[enlarged].src} muted loop autoPlay playsInline controls className="clip-dialog-video" />
        ) : null}
        <form method="dialog">
          <button type="submit" className="btn btn-primary">
            {t("close")}
          </button>
        </form>
      </dialog>
    </div>
  );
}
