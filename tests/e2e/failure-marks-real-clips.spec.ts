import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { importRealSubset, requireRealClips } from "./real-clips-fixture";

const SHOTS_DIR = process.env.SHOTS_DIR;
/** Four models' clips of one prompt, all CC-BY-4.0 (SOURCES.md), alone in their own category. */
const PROMPT = "fetv-001-horse-race";
const CATEGORY = "e2e-marks";

interface VoteRequestBody {
  outcome: string;
  tags?: { left?: (string | { tag: string; atMs?: number })[]; right?: unknown[] };
}

async function openArena(page: Page, lang: "en" | "zh") {
  await page.goto(`/arena?category=${CATEGORY}&lang=${lang}`);
  await expect(page.locator("video")).toHaveCount(2);
  // Both clips' lengths are known once their metadata is in.
  await expect
    .poll(() =>
      page.locator("video").evaluateAll((videos) => videos.every((v) => (v as HTMLVideoElement).duration > 0)),
    )
    .toBe(true);
}

async function shoot(page: Page, name: string) {
  if (SHOTS_DIR) await page.screenshot({ path: path.join(SHOTS_DIR, `${name}.png`), fullPage: true });
}

test.describe("failure marks on a real clip (issue 33)", () => {
  test.describe.configure({ mode: "serial" });
  test.use({ hasTouch: true });

  test.beforeAll(() => {
    const manifest = requireRealClips();
    importRealSubset(manifest, {
      categories: [{ slug: CATEGORY, nameZh: "出错标记", nameEn: "Failure marks" }],
      prompts: { [PROMPT]: { categories: [CATEGORY], otherTakesAllowed: true } },
    });
  });

  for (const viewport of [
    { name: "phone", width: 390, height: 844 },
    { name: "desktop", width: 1440, height: 900 },
  ]) {
    test(`on a ${viewport.name}, a press on clip A's timeline marks the moment, pauses both clips there, and the vote carries it`, async ({
      page,
    }) => {
      await page.setViewportSize(viewport);
      await openArena(page, "en");
      const track = page.locator('[data-mark-track="A"]');
      await track.scrollIntoViewIfNeeded();
      const box = await track.boundingBox();
      expect(box).not.toBeNull();
      // 40% along the bar.
      const [x, y] = [box!.x + box!.width * 0.4, box!.y + box!.height / 2];
      // A finger's press on the phone, a mouse click on the desktop.
      if (viewport.name === "phone") await page.touchscreen.tap(x, y);
      else await page.mouse.click(x, y);
      const chooser = page.getByRole("group", { name: /What went wrong in A at/ });
      await expect(chooser).toBeVisible();
      // Both clips stopped at the same moment: playback stays in step.
      const times = await page
        .locator("video")
        .evaluateAll((videos) =>
          videos.map((v) => [(v as HTMLVideoElement).paused, (v as HTMLVideoElement).currentTime]),
        );
      expect(times.every(([paused]) => paused)).toBe(true);
      const durationMs = await page
        .locator("video")
        .first()
        .evaluate((v) => (v as HTMLVideoElement).duration * 1000);
      const expectedMs = durationMs * 0.4;
      expect(Math.abs(Number(times[0]![1]) * 1000 - expectedMs)).toBeLessThan(durationMs * 0.05);
      await shoot(page, `marks-${viewport.name}-chooser-en`);
      await chooser.getByRole("button", { name: "Physics violation" }).click();
      await expect(page.getByText(/Physics violation at \d+\.\d s/)).toBeVisible();
      await expect(page.locator(".mark-tick")).toHaveCount(1);

      // The vote waits for the clips to play through once; marking never blocks it.
      await page.getByRole("button", { name: "Play all" }).click();
      const voteButton = page.getByRole("button", { name: /A is better/ });
      await expect(voteButton).toBeEnabled();
      const request = page.waitForRequest((r) => r.url().endsWith("/vote") && r.method() === "POST");
      await voteButton.click();
      const body = (await request).postDataJSON() as VoteRequestBody;
      const mark = body.tags?.left?.[0];
      expect(typeof mark === "object" && mark.tag).toBe("physics_violation");
      const atMs = typeof mark === "object" ? (mark.atMs ?? -1) : -1;
      expect(Math.abs(atMs - expectedMs)).toBeLessThan(durationMs * 0.05);
      await expect(page.getByRole("button", { name: "Next battle" })).toBeVisible();
      // The mark stays on the reveal, where it could still be changed.
      await expect(page.getByText(/Physics violation at \d+\.\d s/)).toBeVisible();
      await shoot(page, `marks-${viewport.name}-revealed-en`);
    });
  }

  test("on a desktop, key M on the focused clip marks its playhead, in Chinese too", async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await openArena(page, "zh");
    await page.locator('[data-mark-track="B"]').focus();
    await page.keyboard.press("m");
    await expect(page.getByRole("group", { name: /B 在 .* 秒出了什么问题/ })).toBeVisible();
    expect(
      await page.locator("video").evaluateAll((videos) => videos.map((v) => (v as HTMLVideoElement).paused)),
    ).toEqual([true, true]);
    await shoot(page, "marks-desktop-chooser-zh");
    await page.getByRole("button", { name: "不标记" }).click();
    await expect(page.getByRole("group", { name: /出了什么问题/ })).toHaveCount(0);
    await page.setViewportSize({ width: 390, height: 844 });
    await shoot(page, "marks-phone-zh");
  });
});
