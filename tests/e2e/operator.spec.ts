import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { createOperator } from "./operator-account";

const EMAIL = "e2e-admin@example.org";
const PASSWORD = "an e2e password that is long";
const CLIPS = fs.readdirSync("media/demo/clips").map((name) => path.join("media/demo/clips", name));

test("an operator signs in, adds a model, a category, a prompt and clips, sees them in the arena, then retires the model", async ({
  page,
}) => {
  // The first admin comes from the CLI, with the password on stdin, as the README says.
  createOperator(EMAIL, PASSWORD);

  const unauthorized = await page.goto("/admin?lang=en");
  expect(unauthorized?.status()).toBe(401);
  await page.getByLabel("Email").fill(EMAIL);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Those details did not work")).toBeVisible();
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Models" })).toBeVisible();

  await page.getByText("Add a model", { exact: true }).first().click();
  const modelForm = page
    .locator("form")
    .filter({ has: page.getByLabel("Slug") })
    .first();
  await modelForm.getByLabel("Slug").fill("lumen-e2e");
  await modelForm.getByLabel("Name").fill("Lumen E2E");
  // As long as real organisations run ("Tsinghua University (thu-ml) on CUHK/Tencent DynamiCrafter").
  await modelForm
    .getByLabel("Organisation")
    .fill("Lumen Labs (anonymous submission) on Tsinghua University / CUHK / Tencent");
  await modelForm.getByRole("button", { name: "Add a model" }).click();
  await expect(page.getByRole("rowheader", { name: /Lumen E2E/ })).toBeVisible();
  // At 1440 the Models table fits its card: long names wrap, Actions stays on screen (issue 28).
  await page.setViewportSize({ width: 1440, height: 900 });
  const models = page.locator(".table-wrap").filter({ has: page.getByRole("rowheader", { name: /Lumen E2E/ }) });
  expect(await models.evaluate((wrap) => wrap.scrollWidth - wrap.clientWidth)).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1280, height: 720 });

  await page.getByText("Add a category", { exact: true }).first().click();
  const categoryForm = page
    .locator("form")
    .filter({ has: page.getByLabel("Chinese name") })
    .last();
  await categoryForm.getByLabel("Slug").fill("e2e-cat");
  await categoryForm.getByLabel("Chinese name").fill("测试类别");
  await categoryForm.getByLabel("English name").fill("E2E category");
  await categoryForm.getByRole("button", { name: "Add a category" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: "e2e-cat" })).toBeVisible();

  await page.getByRole("link", { name: "Prompts & clips" }).click();
  await page.getByLabel("Text in English").fill("A paper boat drifts down a rain gutter.");
  await page.getByLabel("Mode").selectOption("text_to_video");
  await page.getByLabel("E2E category").check();
  await page.getByRole("button", { name: "Add a prompt" }).click();
  await expect(page.getByRole("heading", { name: "Edit the prompt" })).toBeVisible();
  const promptPage = page.url();

  // Three models: a prompt enters the blind pool only with clips of at least three (lib/arena/blind-pool.ts).
  const MODELS = ["Lumen E2E", "Veo 2", "Kling 1.6"];
  for (const [model, file] of [
    [MODELS[0], CLIPS[0]],
    [MODELS[1], CLIPS[1]],
    [MODELS[2], CLIPS[2]],
  ] as const) {
    await page.locator("select[name=modelId]").selectOption({ label: model });
    await page.getByLabel("Video file").setInputFiles(file as string);
    await page.getByRole("button", { name: "Upload a clip" }).click();
    await expect(page.getByRole("rowheader", { name: model })).toBeVisible();
  }

  // A clip's generation time and cost, as reported when it was made, kept for the price columns.
  const lumenClip = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: MODELS[0] }) });
  await lumenClip.getByLabel("Generation time (s)").fill("95.5");
  await lumenClip.getByLabel("Cost (USD)").fill("0.35");
  const saved = page.waitForResponse((r) => r.url().endsWith("/generation") && r.request().method() === "PATCH");
  await lumenClip.getByRole("button", { name: "Save" }).click();
  expect((await saved).status()).toBe(200);
  await page.reload();
  await expect(lumenClip.getByLabel("Generation time (s)")).toHaveValue("95.5");
  await expect(lumenClip.getByLabel("Cost (USD)")).toHaveValue("0.35");

  // The category now holds one prompt with clips of three models: the arena must serve two of those.
  await page.goto("/arena?category=e2e-cat&lang=en");
  await expect(page.getByRole("button", { name: /A is better/ })).toBeEnabled();
  await page.keyboard.press("1");
  const revealed = [
    await page.getByTestId("reveal-left").innerText(),
    await page.getByTestId("reveal-right").innerText(),
  ];
  expect(new Set(revealed).size).toBe(2);
  for (const name of revealed) expect(MODELS).toContain(name);

  // Deactivated, the model leaves the arena (so the other specs never meet it).
  await page.goto("/admin?lang=en");
  const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: /Lumen E2E/ }) });
  await row.getByRole("button", { name: "Deactivate" }).click();
  await expect(row.getByText("Deactivated")).toBeVisible();
  await page.getByRole("link", { name: "Moderation" }).click();
  // The audit log says it in words, with a link to the model.
  const entry = page.getByRole("cell", { name: "Took out of the arena: Lumen E2E" });
  await expect(entry).toBeVisible();
  await expect(entry.getByRole("link", { name: "Lumen E2E" })).toHaveAttribute("href", "/models/lumen-e2e");

  // Hidden again, the uploads leave no live real clip, so the demo placeholders are served again
  // for the specs after this one (placeholders and real clips never share the arena).
  await page.goto(promptPage);
  for (let i = 0; i < MODELS.length; i += 1) {
    const form = page
      .locator("form")
      .filter({ has: page.getByRole("button", { name: "Hide", exact: true }) })
      .first();
    await form.getByLabel("Why").fill("end of the e2e check");
    await form.getByRole("button", { name: "Hide", exact: true }).click();
    await expect(page.getByRole("button", { name: "Hide", exact: true })).toHaveCount(MODELS.length - i - 1);
  }

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/$/);
  expect((await page.goto("/admin"))?.status()).toBe(401);
});

test("operator pages and APIs refuse anonymous visitors", async ({ request }) => {
  for (const url of ["/admin", "/admin/prompts", "/admin/votes", "/admin/import", "/account"])
    expect((await request.get(url)).status()).toBe(401);
  const write = await request.post("/api/admin/models", { data: { slug: "x", name: "x", organisation: "x" } });
  expect(write.status()).toBe(401);
  expect(await write.json()).toEqual({ error: { code: "unauthenticated", message: expect.any(String) } });
});
