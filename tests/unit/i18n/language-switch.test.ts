import { expect, test } from "vitest";
import { languageSwitchHref } from "@/i18n/locale";

test("the language link keeps the page's query and sets lang once", () => {
  expect(languageSwitchHref("category=physics&method=elo", "en")).toBe("?category=physics&method=elo&lang=en");
  expect(languageSwitchHref("?lang=zh&category=physics", "en")).toBe("?lang=en&category=physics");
  expect(languageSwitchHref("", "zh")).toBe("?lang=zh");
  // Values stay encoded as they were meant.
  expect(languageSwitchHref("q=a%26b&x=%E4%B8%AD", "zh")).toBe("?q=a%26b&x=%E4%B8%AD&lang=zh");
});
