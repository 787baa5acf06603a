import { expect, test } from "@playwright/test";
import { createOperator, submitSignIn } from "./operator-account";

const EMAIL = "e2e-session@example.org";
const PASSWORD = "a session test password";

test("signing out revokes the session: a copy of the cookie taken before no longer works", async ({
  page,
  context,
}) => {
  createOperator(EMAIL, PASSWORD);
  await page.goto("/admin?lang=en");
  await submitSignIn(page, EMAIL, PASSWORD);
  await expect(page.getByRole("heading", { name: "Models" })).toBeVisible();

  const session = (await context.cookies()).find((cookie) => cookie.name.endsWith("next-auth.session-token"));
  expect(session).toBeDefined();
  const copied = { cookie: `${session!.name}=${session!.value}` };
  expect((await page.request.get("/api/admin/audit", { headers: copied })).status()).toBe(200);

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/admin"));
  const after = await page.request.get("/api/admin/audit", { headers: copied });
  expect(after.status()).toBe(401);
  expect((await after.json()) as unknown).toEqual({ error: { code: "unauthenticated", message: expect.any(String) } });
});

test("X-Forwarded-For from a client is not believed on a Next.js route: it cannot escape the export limit", async ({
  request,
}) => {
  // The e2e server runs with the default RATE_LIMIT_EXPORTS_PER_MINUTE (30) and no TRUSTED_PROXIES.
  const statuses: number[] = [];
  for (let i = 0; i < 31; i += 1) {
    const response = await request.get("/api/export/votes?format=jsonl", {
      headers: { "x-forwarded-for": `198.51.100.${i}`, "x-clip-arena-client-address": `203.0.113.${i}` },
    });
    statuses.push(response.status());
  }
  expect(statuses.slice(0, 30).every((status) => status === 200)).toBe(true);
  expect(statuses[30]).toBe(429);
});
