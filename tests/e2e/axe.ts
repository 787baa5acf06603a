import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/**
 * Runs axe-core over the page as it is now (WCAG 2.0/2.1 A and AA, best practices, and the
 * experimental rules, among them label-content-name-mismatch: a visible label must start the
 * accessible name) and fails on any serious or critical finding, naming each rule and element.
 */
export async function expectNoSeriousViolations(page: Page, label: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice", "experimental"])
    .options({ rules: { "label-content-name-mismatch": { enabled: true } } })
    .analyze();
  const serious = violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(serious, `${label}: axe found serious or critical violations`).toEqual([]);
}
