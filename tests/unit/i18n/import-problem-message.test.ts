import { type AbstractIntlMessages, createTranslator, type Messages } from "next-intl";
import { describe, expect, test } from "vitest";
import type { ApiErrorTranslator } from "@/i18n/api-error-message";
import { importPlaceText, importProblemMessage } from "@/i18n/import-problem-message";
import { IMPORT_PROBLEM_CODES } from "@/lib/import/import-problem";
import { retiredIssue } from "@/lib/import/predict-import";
import { readManifest } from "@/lib/import/read-manifest";
import en from "@/messages/en.json";
import zh from "@/messages/zh.json";

// next-intl's own translator over the real messages, scoped as useTranslations("admin.import") is.
function translatorFor(locale: "en" | "zh", messages: AbstractIntlMessages): ApiErrorTranslator {
  const t = createTranslator({ locale, messages: messages as Messages });
  return Object.assign((key: string, values?: Record<string, string>) => t(`admin.import.${key}`, values), {
    has: (key: string) => t.has(`admin.import.${key}`),
  });
}
const translators = { en: translatorFor("en", en), zh: translatorFor("zh", zh) };

describe("importProblemMessage", () => {
  test("every problem code has a sentence in both languages", () => {
    for (const messages of [en, zh])
      expect(Object.keys(messages.admin.import.problems).sort()).toEqual([...IMPORT_PROBLEM_CODES].sort());
  });

  test("a CSV manifest's problems read in Chinese with their line and column, and in English", () => {
    const csv = [
      "prompt,text_en,mode,model,file,prompt_lang,colour",
      "orbit,A camera orbits,text_to_video,veo-2,clips/a.mp4,en,red",
      "orbit,Another text,text_to_video,kling,clips/b.mp4,xx,blue",
    ].join("\n");
    const { problems } = readManifest(csv, "csv");
    expect(problems.map((p) => p.code)).toEqual(["unknown_columns", "differs_from_line", "invalid_value"]);
    const [columns, differs, lang] = problems.map((p) => importProblemMessage(translators.zh, p));
    expect(columns).toMatch(/^第 1 行：未知的列：colour；应有的列为 prompt, text_en/);
    expect(differs).toBe("第 3 行（text_en）：与第 2 行中提示词“orbit”的内容不一致。");
    expect(lang).toBe("第 3 行（prompt_lang）：不是允许的取值之一。");
    expect(importProblemMessage(translators.en, problems[1] as (typeof problems)[number])).toBe(
      "line 3 (text_en): differs from line 2 for the prompt “orbit”.",
    );
  });

  test("a JSON manifest's refinement and syntax problems have their own sentences", () => {
    const json = JSON.stringify({ prompts: [{ key: "orbit", mode: "text_to_video" }], clips: [] }, null, 2);
    const { problems } = readManifest(json, "json");
    expect(problems).toMatchObject([{ code: "needs_text", message: "needs textZh or textEn" }]);
    expect(importProblemMessage(translators.zh, problems[0] as (typeof problems)[number])).toBe(
      "第 3 行（prompts[0]）：请给出提示词的中文或英文文本（textZh 或 textEn）。",
    );
    const broken = readManifest('{\n  "clips": [\n    oops\n  ]\n}', "json").problems[0];
    expect(broken).toMatchObject({ where: "line 3", code: "json_syntax" });
    expect(importProblemMessage(translators.zh, broken as NonNullable<typeof broken>)).toBe(
      "第 3 行：不是有效的 JSON（InvalidSymbol）。",
    );
  });

  test("params fill the sentence; an unknown code or place falls back to the English from lib/import", () => {
    const retired = { where: "line 7 (clips[2])", ...retiredIssue("orbit", "veo-2", new Date("2026-11-03T10:00:00Z")) };
    expect(importProblemMessage(translators.zh, retired)).toBe(
      "第 7 行（clips[2]）：此文件已于 2026-11-03 在提示词“orbit”和模型“veo-2”下退役（被更新的文件替换）；退役的视频不会恢复。",
    );
    const newer = { ...retired, where: "manifest", code: "from_a_newer_server" as "invalid" };
    expect(importProblemMessage(translators.zh, newer)).toBe(`manifest：${retired.message}`);
    // The clip-line table's places too.
    expect(importPlaceText(translators.zh, "line 5")).toBe("第 5 行");
    expect(importPlaceText(translators.en, "line 5 (clips[3])")).toBe("line 5 (clips[3])");
  });
});
