"use client";

import { useLayoutEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { htmlLang } from "@/lib/prompt-text";

interface ArenaPromptProps {
  text: string;
  /** The language the text is in (not necessarily the page's). */
  lang: "zh" | "en";
  imageUrl?: string;
}

/**
 * The battle's prompt: a few lines on a phone, the whole text a tap away (a voter judges prompt
 * following on all of it), marked with its own language for screen readers and fonts.
 */
export function ArenaPrompt({ text, lang, imageUrl }: ArenaPromptProps) {
  const t = useTranslations("arena");
  const paragraph = useRef<HTMLParagraphElement>(null);
  const [expanded, setExpanded] = useState(false);
  const [clamped, setClamped] = useState(false);

  // Whether the clamp hides anything, on every width: the button only appears when it does.
  useLayoutEffect(() => {
    const element = paragraph.current;
    if (!element) return;
    const measure = () => setClamped(element.scrollHeight > element.clientHeight + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [text]);

  return (
    <div className="arena-prompt">
      {imageUrl ? (
        // eslint-disable-next-line @next/next/no-img-element -- per-battle opaque URL; next/image would re-host it
        <img src={imageUrl} alt={t("startImage")} className="arena-start-image" />
      ) : null}
      <div className="arena-prompt-body">
        <h2 id="arena-prompt" className="arena-prompt-title">
          {t("prompt")}
        </h2>
        <p
          ref={paragraph}
          id="arena-prompt-text"
          className="arena-prompt-text"
          data-expanded={expanded || undefined}
          lang={htmlLang(lang)}
        >
          {text}
        </p>
        {clamped || expanded ? (
          <button
            type="button"
            className="btn-link arena-prompt-toggle"
            aria-expanded={expanded}
            aria-controls="arena-prompt-text"
            onClick={() => setExpanded(!expanded)}
          >
            {expanded ? t("promptLess") : t("promptMore")}
          </button>
        ) : null}
      </div>
    </div>
  );
}
