/** A prompt's text in each language it was written in (either may be missing, not both). */
export interface PromptTexts {
  textZh: string | null;
  textEn: string | null;
}

/** A prompt's text as shown to a reader, with the language it is actually in. */
export interface PromptInLanguage {
  text: string;
  /** The language of `text`, which differs from the reader's when the prompt lacks theirs. */
  lang: "zh" | "en";
}

/**
 * The one rule for which text of a prompt a reader sees: the reader's language when the prompt has
 * it, else the other one. Returns the text with its own language, so a page marks it correctly
 * (an English-only prompt on a Chinese page is `lang="en"`, WCAG 2.2 SC 3.1.2 Language of Parts).
 * A prompt with neither text gives `{ text: "", lang: reader }`.
 */
export function promptInLanguage(prompt: PromptTexts | null | undefined, reader: "zh" | "en"): PromptInLanguage {
  const own = reader === "zh" ? prompt?.textZh : prompt?.textEn;
  if (own) return { text: own, lang: reader };
  const other = reader === "zh" ? prompt?.textEn : prompt?.textZh;
  if (other) return { text: other, lang: reader === "zh" ? "en" : "zh" };
  return { text: "", lang: reader };
}

/** The HTML `lang` value (BCP 47) for a prompt or page language: "zh-CN" or "en". */
export function htmlLang(lang: "zh" | "en"): "zh-CN" | "en" {
  return lang === "zh" ? "zh-CN" : "en";
}
