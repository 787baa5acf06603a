import { defineConfig, devices } from "@playwright/test";

// E2E_PORT lets several checkouts run their end-to-end suites on one machine at once.
const PORT = Number(process.env.E2E_PORT ?? 3100);

// Playwright cannot download its browsers here: tests drive Debian's Chromium (apt-get install chromium).
const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // No test fails because the machine is slow: these only stop a test or a wait that hangs.
  // Speed is measured by `npm run bench:*`; a spec must not lower them with its own timeouts.
  timeout: 600_000,
  expect: { timeout: 120_000 },
  reporter: [["list"]],
  use: { baseURL: `http://127.0.0.1:${PORT}`, launchOptions: chromium, trace: "off" },
  projects: [
    {
      name: "chromium",
      use: { ...devices["Desktop Chrome"], launchOptions: chromium },
      testIgnore: /real-clips\.spec\.ts$/,
    },
    // Imports real clips into the run's database, so it runs after every suite that expects the
    // demo content alone. Alone: `playwright test --project=real-clips --no-deps`.
    {
      name: "real-clips",
      use: { ...devices["Desktop Chrome"], launchOptions: chromium },
      testMatch: /real-clips\.spec\.ts$/,
      dependencies: ["chromium"],
    },
  ],
  webServer: {
    // A fresh SQLite database per run, seeded with the demo by the same start-up path users get.
    command: "rm -rf data/e2e && node .next/serve.mjs",
    url: `http://127.0.0.1:${PORT}/`,
    env: {
      PORT: String(PORT),
      DATABASE_URL: "file:./data/e2e/arena.db",
      MEDIA_DIR: "./data/e2e/media",
      // Publish every vote at once so tests can see it on the leaderboard.
      RECOMPUTE_AFTER_VOTES: "1",
      RECOMPUTE_CHECK_SECONDS: "1",
      BT_BOOTSTRAP_ROUNDS: "200",
      // No recognition survey between a vote and its reveal, except in the spec that asks for it
      // (recognition-survey.spec.ts runs its own server with RECOGNITION_SURVEY_EVERY=1).
      RECOGNITION_SURVEY_EVERY: "0",
      // Every spec votes from 127.0.0.1, one address casting far faster than any address of people
      // (the leaderboard spec alone casts 48 votes in seconds): without this, the specs' votes
      // together trip the address-burst rule (60 a minute) and a later spec's voter has nothing
      // counted. The rule itself is tested in tests/unit/integrity/voter-anomalies.test.ts.
      INTEGRITY_BURST_VOTES_PER_MINUTE: "100000",
    },
    reuseExistingServer: false,
    timeout: 600_000,
  },
});
