import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";
import { ownServer } from "./own-server";
import { REAL_CLIPS, requireRealClips } from "./real-clips-fixture";

// Issue 31: a known-answer (check) battle in the browser at both sizes and in both languages. Its
// own server serves a check whenever the drawn clips have twins (CHECK_BATTLE_EVERY=1); the real
// clips of one openly licensed prompt are imported with `npm run import`, whose twin step makes
// the degraded twins with ffmpeg. Before the vote nothing on the page says "check"; after it the
// reveal shows the same model twice, marks the degraded side and says whether the vote passed. The
// Chinese cases vote with the keyboard, the English ones with a tap.
const server = ownServer("checks", 2, {
  CHECK_BATTLE_EVERY: "1",
  RECOGNITION_SURVEY_EVERY: "0",
  RECOMPUTE_AFTER_VOTES: "1",
  RECOMPUTE_CHECK_SECONDS: "1",
  // Check votes never count, so only the timed recompute publishes their accuracy.
  RECOMPUTE_AFTER_SECONDS: "2",
  BT_BOOTSTRAP_ROUNDS: "50",
});
const { base: BASE, dir: DIR, databaseUrl: DATABASE_URL } = server;
const SHOTS_DIR = process.env.SHOTS_DIR;
const PROMPT = "fetv-001-horse-race";
const VIEWPORTS = [
  { name: "phone", width: 390, height: 844 },
  { name: "desktop", width: 1440, height: 900 },
] as const;
const TEXT = {
  en: {
    voteA: /A is better/,
    voteB: /B is better/,
    check: /check battle/,
    passed: /you picked the original/,
    degraded: "Degraded copy",
  },
  zh: { voteA: /A 更好/, voteB: /B 更好/, check: /检验对战/, passed: /你选中了原片/, degraded: "劣化副本" },
} as const;

/** Imports the prompt's real clips (renditions and twins, with ffmpeg) into this spec's database. */
function importPrompt(): void {
  const manifest = requireRealClips();
  const clips = manifest.clips.filter((clip) => clip.prompt === PROMPT);
  const models = new Set(clips.map((clip) => clip.model));
  const chosen = {
    models: manifest.models.filter((model) => models.has(model.slug)),
    categories: [{ slug: "e2e-checks", nameZh: "赛马", nameEn: "Horse racing" }],
    prompts: manifest.prompts
      .filter((prompt) => prompt.key === PROMPT)
      .map((prompt) => ({ ...prompt, categories: ["e2e-checks"], otherTakesAllowed: true })),
    clips,
  };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "arena-e2e-checks-"));
  try {
    for (const clip of clips) {
      fs.mkdirSync(path.dirname(path.join(dir, clip.file)), { recursive: true });
      fs.copyFileSync(path.join(REAL_CLIPS, clip.file), path.join(dir, clip.file));
    }
    fs.writeFileSync(path.join(dir, "manifest.json"), JSON.stringify(chosen));
    execFileSync("npx", ["tsx", "scripts/import.ts", path.join(dir, "manifest.json"), "--keep-demo"], {
      env: { ...process.env, DATABASE_URL, MEDIA_DIR: `./${DIR}/media` },
      stdio: "inherit",
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function lastBattle(): { leftClipId: string; rightClipId: string; checkTwinSide: string | null } {
  const sqlite = new Database(path.join(DIR, "arena.db"));
  try {
    return sqlite
      .prepare(`SELECT "leftClipId", "rightClipId", "checkTwinSide" FROM "Battle" ORDER BY "servedAt" DESC LIMIT 1`)
      .get() as { leftClipId: string; rightClipId: string; checkTwinSide: string | null };
  } finally {
    sqlite.close();
  }
}

test.describe("a check battle in the browser", () => {
  test.describe.configure({ mode: "serial" });

  test.beforeAll(async () => {
    test.setTimeout(600_000);
    await server.start();
    importPrompt();
    const sqlite = new Database(path.join(DIR, "arena.db"));
    const twins = (sqlite.prepare(`SELECT COUNT(*) AS n FROM "CheckTwin"`).get() as { n: number }).n;
    sqlite.close();
    expect(twins).toBeGreaterThanOrEqual(3);
  });

  test.afterAll(() => {
    server.stop();
  });

  for (const viewport of VIEWPORTS)
    for (const lang of ["en", "zh"] as const) {
      test(`a check looks like any battle, then says so in the reveal, ${viewport.name}, ${lang}`, async ({
        page,
      }, info) => {
        await page.setViewportSize(viewport);
        const shot = (name: string) =>
          page.screenshot({ path: SHOTS_DIR ? path.join(SHOTS_DIR, `${name}.png`) : info.outputPath(`${name}.png`) });
        await page.goto(`${BASE}/arena?category=e2e-checks&lang=${lang}`);
        await expect(page.locator("video")).toHaveCount(2);
        const battle = lastBattle();
        expect(battle.checkTwinSide).not.toBeNull();
        expect(battle.leftClipId).toBe(battle.rightClipId);
        // Before the vote, nothing on the page says it is a check.
        await expect(page.getByText(TEXT[lang].check)).toHaveCount(0);
        await expect(page.getByTestId(/^degraded-/)).toHaveCount(0);
        await shot(`check-battle-${viewport.name}-${lang}`);

        const original = battle.checkTwinSide === "left" ? "right" : "left";
        const vote = page.waitForResponse((r) => r.url().endsWith("/vote"));
        // In Chinese the vote is cast with the arena's keys (1: A is better, 4: B is better), at
        // both sizes, once the buttons are enabled (the clips have played); in English by a tap.
        const button = page.getByRole("button", { name: original === "left" ? TEXT[lang].voteA : TEXT[lang].voteB });
        if (lang === "zh") {
          await expect(button).toBeEnabled();
          await page.keyboard.press(original === "left" ? "1" : "4");
        } else await button.click();
        expect((await vote).status()).toBe(201);
        await expect(page.getByTestId("vote-thanks")).toHaveText(TEXT[lang].passed);
        await expect(page.getByTestId(`degraded-${battle.checkTwinSide}`)).toHaveText(TEXT[lang].degraded);
        await expect(page.getByTestId(`degraded-${original}`)).toHaveCount(0);
        expect(await page.getByTestId("reveal-left").textContent()).toBe(
          await page.getByTestId("reveal-right").textContent(),
        );
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        await shot(`check-reveal-${viewport.name}-${lang}`);
      });
    }

  test("/data publishes the crowd's accuracy on checks, in both languages and at both sizes", async ({
    page,
  }, info) => {
    // Vote on one more check (a pass), so the run has checks whatever order the tests ran in.
    await page.goto(`${BASE}/arena?category=e2e-checks&lang=en`);
    await expect(page.locator("video")).toHaveCount(2);
    const battle = lastBattle();
    await page.getByRole("button", { name: battle.checkTwinSide === "left" ? TEXT.en.voteB : TEXT.en.voteA }).click();
    await expect(page.getByTestId("vote-thanks")).toHaveText(TEXT.en.passed);
    for (const viewport of VIEWPORTS)
      for (const lang of ["en", "zh"] as const) {
        await page.setViewportSize(viewport);
        // The timed recompute after the check votes publishes the accuracy.
        await expect(async () => {
          await page.goto(`${BASE}/data?lang=${lang}`);
          await expect(page.getByTestId("check-accuracy")).toBeVisible({ timeout: 1000 });
        }).toPass();
        const table = page.getByTestId("check-accuracy");
        await expect(table.locator("tbody tr").first()).toContainText("100%");
        await expect(page.getByTestId("checks-rule")).toContainText("failed_checks");
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        await table.scrollIntoViewIfNeeded();
        await page.screenshot({
          path: SHOTS_DIR
            ? path.join(SHOTS_DIR, `checks-data-${viewport.name}-${lang}.png`)
            : info.outputPath(`checks-data-${viewport.name}-${lang}.png`),
        });
      }
  });
});
