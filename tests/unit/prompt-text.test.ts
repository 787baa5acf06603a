import { describe, expect, it } from "vitest";
import { promptText } from "@/lib/prompt-text";

describe("a prompt's text in the reader's language", () => {
  const both = { textZh: "一辆汽车从悬崖边缘坠落。", textEn: "A car falls from the edge of a cliff." };

  it("gives the reader's language when the prompt has it", () => {
    expect(promptText(both, "zh")).toEqual({ text: both.textZh, lang: "zh" });
    expect(promptText(both, "en")).toEqual({ text: both.textEn, lang: "en" });
  });

  it("falls back to the other text and says which language it is in", () => {
    expect(promptText({ textZh: null, textEn: "Only English" }, "zh")).toEqual({ text: "Only English", lang: "en" });
    expect(promptText({ textZh: "只有中文", textEn: null }, "en")).toEqual({ text: "只有中文", lang: "zh" });
    // An empty string is no text.
    expect(promptText({ textZh: "", textEn: "English" }, "zh")).toEqual({ text: "English", lang: "en" });
  });

  it("is empty in the reader's language when the prompt has no text", () => {
    expect(promptText({ textZh: null, textEn: null }, "zh")).toEqual({ text: "", lang: "zh" });
  });
});
