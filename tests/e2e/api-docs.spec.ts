import { expect, test } from "@playwright/test";
import { expectNoSeriousViolations } from "./axe";

const SIZES = [
  { name: "phone", width: 390, height: 844 },
  { name: "desktop", width: 1440, height: 900 },
] as const;

for (const size of SIZES)
  for (const lang of ["en", "zh"] as const)
    test(`/api-docs on a ${size.name} in ${lang}: contents, sections, anchors, examples, no sideways scroll, axe clean`, async ({
      page,
    }) => {
      await page.setViewportSize(size);
      await page.goto(`/api-docs?lang=${lang}`);
      await expect(page.locator("main h1")).toBeVisible();
      const openapi = (await (await page.request.get("/api/openapi.json")).json()) as {
        paths: Record<string, Record<string, unknown>>;
      };
      const operations = Object.entries(openapi.paths).flatMap(([path, ops]) =>
        Object.keys(ops).map((method) => ({ method: method.toUpperCase(), path })),
      );

      // Every operation of the document has its section, listed in the contents, under the right audience.
      const toc = page.locator("nav#contents a[href^='#']");
      const targets = await toc.evaluateAll((links) => links.map((a) => a.getAttribute("href")!.slice(1)));
      expect(targets.length).toBe(operations.length + 3); // + the two sections and the errors
      for (const id of targets) expect(await page.locator(`[id="${id}"]`).count(), id).toBe(1);
      const sectionOf = async (audience: string) =>
        page
          .locator(`section#${audience} article .api-op-title`)
          .evaluateAll((titles) => titles.map((t) => t.textContent?.replace(/\s+/g, " ").trim()));
      const [publicOps, operatorOps] = [await sectionOf("public"), await sectionOf("operator")];
      expect(publicOps.length + operatorOps.length).toBe(operations.length);
      for (const op of operatorOps) expect(op).toMatch(/^(GET|POST|PUT|PATCH|DELETE) \/api\/(admin|account)\//);
      for (const op of publicOps) expect(op).not.toMatch(/\/api\/(admin|account)\//);

      // An anchor from the contents lands on its endpoint, which shows types and examples.
      await page.locator("nav#contents a[href='#post-api-battles-battleid-vote']").click();
      await expect(page).toHaveURL(/#post-api-battles-battleid-vote$/);
      const vote = page.locator("article#post-api-battles-battleid-vote");
      await expect(vote).toBeInViewport();
      await expect(vote.locator(".api-field-name", { hasText: "outcome" })).toBeVisible();
      await expect(vote.locator("pre").first()).toContainText("POST /api/battles/");
      await expect(vote.locator("pre").first()).toContainText('"outcome": "left"');

      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, "page width").toBeLessThanOrEqual(size.width);

      await expectNoSeriousViolations(page, `/api-docs, ${size.name}, ${lang}`);
    });
