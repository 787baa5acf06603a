import { spawnSync } from "node:child_process";

let found: boolean | undefined;

/**
 * Whether ffmpeg and ffprobe run here (checked once per test process). Tests that make or probe
 * renditions skip without them, saying so in one line naming what is skipped; on CI (CI=true)
 * their absence throws, so the suite fails instead of passing with the media tests unrun.
 */
export function ffmpegAvailable(skipping: string): boolean {
  found ??= ["ffmpeg", "ffprobe"].every((tool) => spawnSync(tool, ["-version"], { stdio: "ignore" }).status === 0);
  if (!found && process.env.CI === "true")
    throw new Error(`ffmpeg/ffprobe are required on CI (apt-get install ffmpeg): ${skipping} cannot run`);
  if (!found) console.warn(`ffmpeg/ffprobe not found: skipping ${skipping} (apt-get install ffmpeg)`);
  return found;
}
