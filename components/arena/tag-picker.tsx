"use client";

import { useLocale, useTranslations } from "next-intl";
import { FAILURE_TAG_LABELS, FAILURE_TAGS, type FailureTag } from "@/lib/arena/failure-tags";

interface TagPickerProps {
  label: string;
  selected: FailureTag[];
  onChange: (tags: FailureTag[]) => void;
  disabled?: boolean;
  /** Beside the clip's label on a small frame: "Problems?", the clip's letter said to assistive tech only. */
  short?: boolean;
}

/**
 * Optional failure tags for one clip, under that clip: a visible disclosure control, open or
 * closed at any time while the clips play, before the vote (the tags go with it) and after it on
 * the reveal (each change is stored), until the next battle is loaded.
 */
export function TagPicker({ label, selected, onChange, disabled, short = false }: TagPickerProps) {
  const t = useTranslations("arena");
  const lang = useLocale() === "zh" ? "zh" : "en";
  const toggle = (tag: FailureTag) =>
    onChange(selected.includes(tag) ? selected.filter((t) => t !== tag) : [...selected, tag]);
  return (
    <details className="tag-picker">
      <summary>
        {short ? (
          <>
            {t("tagsShort")}
            <span className="visually-hidden"> {label}</span>
          </>
        ) : (
          t("tagsFor", { label })
        )}
        {selected.length > 0 ? <span className="badge">{selected.length}</span> : null}
      </summary>
      <fieldset disabled={disabled}>
        <legend className="visually-hidden">{t("tagsFor", { label })}</legend>
        <p className="tag-hint small muted">{t("tagsHint")}</p>
        {FAILURE_TAGS.map((tag) => (
          <label key={tag} className="tag-option">
            <input type="checkbox" checked={selected.includes(tag)} onChange={() => toggle(tag)} />
            {FAILURE_TAG_LABELS[tag][lang]}
          </label>
        ))}
      </fieldset>
    </details>
  );
}
