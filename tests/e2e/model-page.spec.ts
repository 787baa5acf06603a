import { expect, type Page, test } from "@playwright/test";

interface Row {
  slug: string;
  rating: number;
  ciLow: number | null;
  ciHigh: number | null;
}
interface Profile {
  history: { rating: number; ciLow: number | null; ciHigh: number | null }[];
}

async function leaderboardRows(page: Page): Promise<Row[]> {
  return ((await (await page.request.get("/api/leaderboard")).json()) as { rows: Row[] }).rows;
}

/** Casts one vote in the arena and waits until the recompute (after every vote here) has counted it. */
async function castOneVote(page: Page) {
  const votes = async () => ((await (await page.request.get("/api/leaderboard")).json()) as { votes: number }).votes;
  const before = await votes();
  await page.goto("/arena?lang=en");
  await expect(page.getByRole("button", { name: /A is better/ })).toBeEnabled();
  await page.getByRole("button", { name: /A is better/ }).click();
  await expect.poll(votes).toBe(before + 1);
}

test("the model page charts the rating history, an open side dashed to the edge, on round ticks", async ({ page }) => {
  await castOneVote(page);
  // The board is recomputed after every vote here, so a model's first point (after its first vote,
  // won or lost) has an open side; which models are still open now depends on the random pairs.
  const isOpen = (point: { ciLow: number | null; ciHigh: number | null }) =>
    point.ciLow === null || point.ciHigh === null;
  let chosen: { row: Row; profile: Profile } | undefined;
  for (const row of await leaderboardRows(page)) {
    const profile = (await (await page.request.get(`/api/models/${row.slug}`)).json()) as Profile;
    if (profile.history.some(isOpen)) {
      chosen = { row, profile };
      break;
    }
  }
  expect(chosen, "a model whose rating history has an open interval").toBeDefined();
  const { row, profile } = chosen as { row: Row; profile: Profile };
  const slug = row.slug;
  // The history ends at the published board's interval.
  expect(profile.history.at(-1)).toMatchObject({ ciLow: row.ciLow, ciHigh: row.ciHigh });
  const openPoints = profile.history.filter(isOpen).length;

  for (const [lang, title] of [
    ["en", "Overall rating over time, with 95% intervals"],
    ["zh", "总评分随时间的变化，附 95% 区间"],
  ] as const) {
    await page.goto(`/models/${slug}?lang=${lang}`);
    const chart = page.getByRole("figure", { name: title });
    await expect(chart).toBeVisible();
    // A dashed whisker for each point with an open side, none for closed ones.
    await expect(chart.locator('.recharts-errorBar[stroke-dasharray="4 3"]')).toHaveCount(openPoints);
    // Rating ticks: evenly spaced multiples of 1, 2 or 5 × 10^k.
    const yTicks = chart.locator('.recharts-cartesian-axis-tick-value[orientation="left"]');
    await expect(yTicks.nth(1)).toBeVisible();
    const ticks = (await yTicks.allTextContents())
      .map((text) => Number(text.replace(/[^\d.-]/g, "")))
      .sort((a, b) => a - b);
    const step = (ticks[1] as number) - (ticks[0] as number);
    expect(ticks.every((tick, i) => tick === (ticks[0] as number) + i * step)).toBe(true);
    const mantissa = step / 10 ** Math.floor(Math.log10(step));
    expect([1, 2, 5]).toContain(mantissa);
    // Time ticks never repeat a label.
    const times = await chart.locator('.recharts-cartesian-axis-tick-value[orientation="bottom"]').allTextContents();
    expect(times.length).toBeGreaterThan(0);
    expect(new Set(times).size).toBe(times.length);
  }
});
