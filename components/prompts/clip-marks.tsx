"use client";

import { useRef } from "react";

interface ClipWithMarksProps {
  src: string;
  label: string;
  /** Failures voters marked on this clip: ms of the delivered clip, with its text ("Physics violation at 1.2 s") in the page's language. */
  marks: { text: string; atMs: number }[];
  deliveredLengthMs: number;
  /** Accessible name of the strip, already translated. */
  stripLabel: string;
}

/**
 * A published clip with a strip under it showing where voters marked failures (issue 33): one
 * tick per mark at its moment; pressing a tick seeks the clip there and pauses it on that frame.
 */
export function ClipWithMarks({ src, label, marks, deliveredLengthMs, stripLabel }: ClipWithMarksProps) {
  const video = useRef<HTMLVideoElement>(null);
  const seek = (atMs: number) => {
    const v = video.current;
    if (!v) return;
    v.pause();
    v.currentTime = atMs / 1000;
  };
  return (
    <>
      <div className="clip-frame">
        <video ref={video} src={src} muted loop controls playsInline preload="metadata" aria-label={label} />
      </div>
      {marks.length > 0 ? (
        <div className="mark-strip" role="group" aria-label={stripLabel}>
          {marks.map((mark, i) => (
            <button
              key={i}
              type="button"
              className="mark-strip-tick"
              style={{ left: `${(100 * Math.min(mark.atMs, deliveredLengthMs)) / Math.max(1, deliveredLengthMs)}%` }}
              title={mark.text}
              aria-label={mark.text}
              data-mark-ms={mark.atMs}
              onClick={() => seek(mark.atMs)}
            />
          ))}
        </div>
      ) : null}
    </>
  );
}
