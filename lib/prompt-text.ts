/** The two texts a prompt may carry; at least one is set. */
export interface PromptTexts {
  textZh: string | null;
  textEn: string | null;
}

/** A prompt's text as shown to one reader, with the language it is actually in. */
export interface ShownPromptText {
  text: string;
  /** Language of `text`, for the element's `lang` attribute: an English-only prompt on a Chinese page is "en". */
  lang: "zh" | "en";
}

/**
 * The one rule for a prompt's text in the reader's language: the text in `lang` when the prompt
 * has it, else the other one (never a machine translation); empty text in `lang` when it has
 * neither. Every page, API answer and notice that shows a prompt uses it.
 */
export function promptText(prompt: PromptTexts, lang: "zh" | "en"): ShownPromptText {
  const [wanted, other] = lang === "zh" ? [prompt.textZh, prompt.textEn] : [prompt.textEn, prompt.textZh];
  if (wanted) return { text: wanted, lang };
  if (other) return { text: other, lang: lang === "zh" ? "en" : "zh" };
  return { text: "", lang };
}

/** The HTML `lang` value (BCP 47) for a prompt or page language: "zh-CN" or "en". */
export function htmlLang(lang: "zh" | "en"): "zh-CN" | "en" {
  return lang === "zh" ? "zh-CN" : "en";
}
