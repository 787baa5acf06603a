import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = { "@": path.resolve(import.meta.dirname) };

// No test fails because the machine is slow: a timeout here only stops a test that hangs. Time
// is asserted only where it is what a test is about (with its own short timeout, e.g. ffmpeg's
// run limit), and speed is measured by `npm run bench:*`, never by a timed test. A test file
// must not lower these with a per-test timeout.
const HANG_GUARD = { testTimeout: 600_000, hookTimeout: 600_000 };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      { resolve: { alias }, test: { name: "unit", include: ["tests/unit/**/*.test.ts"], ...HANG_GUARD } },
      {
        resolve: { alias },
        // Integration files share a machine's PostgreSQL and ports: run them one at a time.
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          fileParallelism: false,
          ...HANG_GUARD,
        },
      },
    ],
  },
});
