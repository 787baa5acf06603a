import { execFile } from "node:child_process";

/** The one line import and upload print when Debian's ffmpeg/ffprobe are not installed. */
export const FFMPEG_MISSING_MESSAGE = "ffmpeg is not installed: install it (Debian: apt-get install ffmpeg) and retry";

/** Thrown when the `ffmpeg` or `ffprobe` program cannot be started (ENOENT on PATH). */
export class FfmpegMissingError extends Error {
  constructor() {
    super(FFMPEG_MISSING_MESSAGE);
    this.name = "FfmpegMissingError";
  }
}

export interface ToolResult {
  /** Exit code; 0 is success. */
  code: number;
  stdout: string;
  stderr: string;
}

/** Generous: the longest real clip (8 s at 1920×1080) transcodes in well under a minute on one core. */
const TOOL_TIMEOUT_MS = 10 * 60_000;

/**
 * Runs `ffmpeg` or `ffprobe` (found on PATH; Debian's package, never an npm-downloaded binary)
 * with the given arguments, never through a shell. Resolves with the exit code and output; throws
 * FfmpegMissingError when the program is not installed.
 */
export function runTool(tool: "ffmpeg" | "ffprobe", args: readonly string[]): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    execFile(
      tool,
      args,
      { maxBuffer: 16 * 1024 * 1024, timeout: TOOL_TIMEOUT_MS, encoding: "utf8" },
      (error, stdout, stderr) => {
        if (error && (error as NodeJS.ErrnoException).code === "ENOENT") return reject(new FfmpegMissingError());
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
