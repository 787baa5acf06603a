import { expect, test } from "@playwright/test";
import { createOperator, submitSignIn } from "./operator-account";

const EMAIL = "e2e-form-errors@example.org";
const PASSWORD = "a form errors test password";

test("an operator form says what is wrong in the page's language, naming the field as the form labels it", async ({
  page,
}) => {
  createOperator(EMAIL, PASSWORD);
  await page.goto("/signin?lang=zh");
  await submitSignIn(page, EMAIL, PASSWORD);
  await page.waitForURL("**/admin");

  // A slug the demo already uses: the 409 names the field by its Chinese label, not as "slug".
  await page.goto("/admin?lang=zh");
  await page.getByText("添加模型", { exact: true }).first().click();
  const modelForm = page
    .locator("form")
    .filter({ has: page.getByLabel("标识") })
    .first();
  await modelForm.getByLabel("标识").fill("veo-2");
  await modelForm.getByLabel("名称").fill("Veo 2 again");
  await modelForm.getByLabel("机构").fill("Google");
  await modelForm.getByRole("button", { name: "添加模型" }).click();
  await expect(modelForm.getByRole("alert")).toHaveText("标识：已被占用。");

  // A prompt with no text in either language: the refinement names the English text field by its label.
  await page.goto("/admin/prompts?lang=zh");
  const promptForm = page.locator("form").filter({ has: page.getByLabel("模式") });
  await promptForm.getByLabel("模式").selectOption("text_to_video");
  await promptForm.getByRole("button", { name: "添加提示词" }).click();
  await expect(promptForm.getByRole("alert")).toHaveText("英文文本：请用中文或英文写出提示词。");

  // The same in English.
  await page.goto("/admin/prompts?lang=en");
  const englishForm = page.locator("form").filter({ has: page.getByLabel("Mode") });
  await englishForm.getByLabel("Mode").selectOption("text_to_video");
  await englishForm.getByRole("button", { name: "Add a prompt" }).click();
  await expect(englishForm.getByRole("alert")).toHaveText("Text in English: Give the prompt in Chinese or English.");
});
