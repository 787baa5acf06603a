import { type AbstractIntlMessages, createTranslator, type Messages } from "next-intl";
import { describe, expect, test } from "vitest";
import { z } from "zod";
import { apiErrorMessage, apiErrorOf, type ApiErrorBody, type ApiErrorTranslator } from "@/i18n/api-error-message";
import { alreadyVoted, battleSkipped } from "@/lib/arena/open-battle";
import { ApiError, fieldError } from "@/lib/errors";
import { toErrorResponse } from "@/lib/http/errors";
import { createModelSchema } from "@/lib/admin/schemas";
import en from "@/messages/en.json";
import zh from "@/messages/zh.json";

// next-intl's own translator over the real messages, scoped as useTranslations("apiErrors") is.
function translatorFor(locale: "en" | "zh", messages: AbstractIntlMessages): ApiErrorTranslator {
  const t = createTranslator({ locale, messages: messages as Messages });
  return Object.assign((key: string, values?: Record<string, string>) => t(`apiErrors.${key}`, values), {
    has: (key: string) => t.has(`apiErrors.${key}`),
  });
}
const translators = { en: translatorFor("en", en), zh: translatorFor("zh", zh) };

/** The body the API sends for what a handler throws. */
async function bodyFor(error: unknown): Promise<ApiErrorBody> {
  return ((await toErrorResponse(error).json()) as { error: ApiErrorBody }).error;
}

const LABELS: Record<string, string> = { name: "名称", slug: "标识" };
const labelOf = (field: string) => LABELS[field] ?? null;

describe("apiErrorMessage", () => {
  test("a blank required field is named by the form's label, in the page's language", async () => {
    const parsed = createModelSchema.safeParse({ slug: "veo-2", name: " ", organisation: "Google" });
    const body = await bodyFor(parsed.error);
    expect(body).toMatchObject({ field: "name", issue: "required" });
    expect(apiErrorMessage(translators.zh, body, labelOf)).toBe("名称：必填。");
    expect(apiErrorMessage(translators.en, body, () => "Name")).toBe("Name: Required.");
  });

  test("a taken slug, a bad date; a field the form does not label is said without a label", async () => {
    const taken = await bodyFor(fieldError("A model with the slug", { field: "slug", issue: "taken" }, "conflict"));
    expect(apiErrorMessage(translators.zh, taken, labelOf)).toBe("标识：已被占用。");
    const date = await bodyFor(z.object({ releaseDate: z.iso.date() }).safeParse({ releaseDate: "12/01/2026" }).error);
    expect(apiErrorMessage(translators.zh, date, labelOf)).toBe("不是日期：请写成 YYYY-MM-DD（年-月-日）。");
  });

  test("no field: a known code has its own sentence, an unknown one keeps the API's message", () => {
    const named = { code: "named_vote", message: "Named votes from /compare are never counted." };
    expect(apiErrorMessage(translators.zh, named, labelOf)).toBe(
      "来自具名对比（/compare）的投票从不计入，因此不能恢复。",
    );
    const manifest = { code: "invalid_manifest", message: "2 problem(s); nothing was imported.\nline 2: x\nline 3: y" };
    expect(apiErrorMessage(translators.zh, manifest, labelOf)).toBe(
      "清单有问题，未导入任何内容。\nline 2: x\nline 3: y",
    );
    expect(apiErrorMessage(translators.en, manifest, labelOf)).toBe(manifest.message);
    expect(apiErrorMessage(translators.zh, { code: "teapot", message: "short and stout" }, labelOf)).toBe(
      "请求失败（short and stout）",
    );
  });

  test("the arena's refusals, as the API sends them, read in the page's language (what arena-client shows)", async () => {
    const expired = new ApiError(410, "battle_expired", "This battle has expired; load a new one.");
    const cases: [unknown, string, string][] = [
      [alreadyVoted(), "你已为这场对战投过票，请加载新的对战。", "This battle already has your vote; load a new one."],
      [battleSkipped(), "这场对战已被跳过，请加载新的对战。", "This battle was skipped; load a new one."],
      [expired, "这场对战已过期，请加载新的对战。", "This battle has expired; load a new one."],
      [
        new ApiError(429, "rate_limited", "Too many requests; try again in 7 s."),
        "请求过多，请稍候再试。",
        "Too many requests; wait a moment and try again.",
      ],
    ];
    for (const [error, zhText, enText] of cases) {
      const body = await apiErrorOf(toErrorResponse(error));
      expect(apiErrorMessage(translators.zh, body, () => null)).toBe(zhText);
      expect(apiErrorMessage(translators.en, body, () => null)).toBe(enText);
    }
  });

  test("apiErrorOf: a body not in the API's shape becomes HTTP <status> inside the fallback frame", async () => {
    const html = new Response("<html>Bad gateway</html>", { status: 502, headers: { "content-type": "text/html" } });
    const body = await apiErrorOf(html);
    expect(body).toEqual({ code: "http_error", message: "HTTP 502" });
    expect(apiErrorMessage(translators.zh, body, () => null)).toBe("请求失败（HTTP 502）");
    const odd = await apiErrorOf(Response.json({ error: "nope" }, { status: 400 }));
    expect(odd.code).toBe("http_error");
  });
});
