import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { createOperator, submitSignIn } from "./operator-account";
import { CSV_COLUMNS } from "../../lib/import/read-manifest";

const EMAIL = "e2e-importer@example.org";
const PASSWORD = "an e2e importer password";
// The server's IMPORT_DIR (its default, ./data/import): relative manifest paths are inside it.
const IMPORT_DIR = path.resolve("data/import/e2e-check");
const CLIPS = fs.readdirSync("media/demo/clips").map((name) => path.join("media/demo/clips", name));

/** A CSV manifest file for two demo models' clips of a new prompt; `model` names the first clip's model. */
function manifestFile(name: string, model: string): string {
  const row = (m: string, file: string, text: string) =>
    ["e2e-check-prompt", text, "", text ? "text_to_video" : "", "", text ? "physics" : "", m, file, "en", "", ""].join(
      ",",
    );
  const text = [
    CSV_COLUMNS.join(","),
    row(model, "e2e-check/a.webm", "A kite climbs over a beach."),
    row("veo-2", "e2e-check/b.webm", ""),
  ].join("\n");
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "e2e-import-")), name);
  fs.writeFileSync(file, `${text}\n`);
  return file;
}

test("Check only shows what the import would do, line by line, or why it would refuse; nothing is written", async ({
  page,
}) => {
  fs.mkdirSync(IMPORT_DIR, { recursive: true });
  fs.copyFileSync(CLIPS[0] as string, path.join(IMPORT_DIR, "a.webm"));
  fs.copyFileSync(CLIPS[1] as string, path.join(IMPORT_DIR, "b.webm"));
  createOperator(EMAIL, PASSWORD);
  await page.goto("/admin/import?lang=en");
  await submitSignIn(page, EMAIL, PASSWORD);
  await expect(page.getByRole("heading", { name: "Bulk import" })).toBeVisible();

  await page.getByLabel("Manifest file").setInputFiles(manifestFile("good.csv", "kling-1-6"));
  await page.getByRole("button", { name: "Check only" }).click();
  const status = page.getByRole("status");
  // The check probes and decodes each clip: on a loaded machine that takes seconds.
  await expect(status).toContainText("Check only: nothing was written.");
  await expect(status).toContainText("clips: 2 added, 0 unchanged");
  await status.locator("summary", { hasText: "Every clip line (2)" }).click();
  const lines = status.getByRole("region", { name: "Every clip line (2)" });
  await expect(lines.getByRole("row").filter({ hasText: "line 2" })).toContainText("kling-1-6");
  await expect(lines.getByRole("row").filter({ hasText: "line 3" })).toContainText("added");

  await page.getByLabel("Manifest file").setInputFiles(manifestFile("bad.csv", "no-such-model"));
  await page.getByRole("button", { name: "Check only" }).click();
  await expect(status).toContainText("the import would refuse this manifest");
  await expect(status.getByRole("listitem")).toHaveText(["line 2 (model): unknown model “no-such-model”."]);

  // Nothing was written: the prompt is not in the operator's list.
  await page.goto("/admin/prompts?lang=en");
  await expect(page.getByText("A kite climbs over a beach.")).toHaveCount(0);

  // The same check in Chinese.
  await page.goto("/admin/import?lang=zh");
  await page.locator("input[name=manifest]").setInputFiles(manifestFile("good.csv", "kling-1-6"));
  await page.getByRole("button", { name: "仅检查" }).click();
  await expect(page.getByRole("status")).toContainText("仅检查：没有写入任何内容。");
  // Each reason too, with its line, though lib/import words it in English for the CLI.
  await page.locator("input[name=manifest]").setInputFiles(manifestFile("bad.csv", "no-such-model"));
  await page.getByRole("button", { name: "仅检查" }).click();
  await expect(page.getByRole("status").getByRole("listitem")).toHaveText([
    "第 2 行（model）：未知的模型“no-such-model”。",
  ]);
  fs.rmSync(IMPORT_DIR, { recursive: true, force: true });
});
