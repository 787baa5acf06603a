import { execFileSync } from "node:child_process";
import type { Page } from "@playwright/test";

/** The e2e server's database (playwright.config.ts starts the server on it). */
export const E2E_DATABASE_URL = "file:./data/e2e/arena.db";

/**
 * Creates (or re-passwords) an operator in the e2e database through the CLI, with the password on
 * stdin, as the README tells an operator to (`databaseUrl`: another server's database).
 */
export function createOperator(email: string, password: string, databaseUrl = E2E_DATABASE_URL): void {
  execFileSync("npx", ["tsx", "scripts/admin-create.ts", email], {
    input: `${password}\n`,
    env: { ...process.env, DATABASE_URL: databaseUrl },
  });
}

/**
 * Fills and sends the sign-in form on the current page (the sign-in page, or the form a 401 page
 * shows), by field name so it works in either language.
 */
export async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('form button[type="submit"]').click();
}
