import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "@playwright/test";

// The real clips live outside the repository (never committed): <repo>/../shared, or SHARED_DIR.
const SHARED_DIR = process.env.SHARED_DIR ?? path.resolve(process.cwd(), "../shared");
export const REAL_CLIPS = path.join(SHARED_DIR, "real-clips");

export interface RealManifest {
  models: { slug: string }[];
  prompts: { key: string; image?: string; categories?: string[] }[];
  clips: { prompt: string; model: string; file: string; firstTake?: boolean; width?: number; height?: number }[];
}

/**
 * In a spec's beforeAll: skips the suite with a clear message when the real clips are absent, and
 * fails it instead on CI (CI=true), where they must be present. Returns the manifest.
 */
export function requireRealClips(): RealManifest {
  if (!fs.existsSync(path.join(REAL_CLIPS, "manifest.json"))) {
    if (process.env.CI === "true") throw new Error(`real clips not found at ${REAL_CLIPS} (set SHARED_DIR)`);
    test.skip(true, `real clips not found at ${REAL_CLIPS}; set SHARED_DIR to the shared folder`);
  }
  return JSON.parse(fs.readFileSync(path.join(REAL_CLIPS, "manifest.json"), "utf8")) as RealManifest;
}

export interface RealSubset {
  /** The run's own categories, created by the import. */
  categories: { slug: string; nameZh: string; nameEn: string }[];
  /**
   * The prompts to import by key, each with what replaces or adds to its manifest entry
   * (its categories, `otherTakesAllowed`); the manifest's own categories are dropped.
   */
  prompts: Record<string, { categories: string[]; otherTakesAllowed?: boolean }>;
  /** Which of a chosen prompt's clips to import (default: all). */
  clips?: (clip: RealManifest["clips"][number]) => boolean;
}

/**
 * Imports a subset of the real set with `npm run import`, into the e2e web server's database and
 * media folder (playwright.config.ts), next to the demo (--keep-demo: the demo suites ran first).
 * The subset's files are copied, not linked (the import refuses symbolic links), into a temporary
 * folder that is removed afterwards: a few MB, never inside the repository.
 */
export function importRealSubset(manifest: RealManifest, subset: RealSubset): void {
  const keys = new Set(Object.keys(subset.prompts));
  const clips = manifest.clips.filter((clip) => keys.has(clip.prompt) && (subset.clips?.(clip) ?? true));
  const models = new Set(clips.map((clip) => clip.model));
  const prompts = manifest.prompts
    .filter((prompt) => keys.has(prompt.key))
    .map((prompt) => ({ ...prompt, ...subset.prompts[prompt.key] }));
  const chosen = {
    models: manifest.models.filter((model) => models.has(model.slug)),
    categories: subset.categories,
    prompts,
    clips,
  };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "arena-e2e-real-"));
  try {
    for (const file of [...clips.map((clip) => clip.file), ...prompts.flatMap((prompt) => prompt.image ?? [])]) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.copyFileSync(path.join(REAL_CLIPS, file), path.join(dir, file));
    }
    fs.writeFileSync(path.join(dir, "manifest.json"), JSON.stringify(chosen));
    execFileSync("npx", ["tsx", "scripts/import.ts", path.join(dir, "manifest.json"), "--keep-demo"], {
      env: { ...process.env, DATABASE_URL: "file:./data/e2e/arena.db", MEDIA_DIR: "./data/e2e/media" },
      stdio: "inherit",
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
