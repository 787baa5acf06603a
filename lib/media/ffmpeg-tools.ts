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

/**
 * Thrown when the x264 command-line encoder (Debian package `x264`) cannot be started: check twins
 * are then coded through ffmpeg's libx264 instead (lib/media/check-twins.ts).
 */
export class X264MissingError extends Error {
  constructor() {
    super("x264 is not installed (Debian: apt-get install x264): check twins match their size donor per part, not frame by frame");
    this.name = "X264MissingError";
  }
}

/**
 * Thrown when ffmpeg, ffprobe or x264 did not finish: stopped at its timeout, or ended by a signal
 * (the OOM killer, an operator, a container stop). Says nothing about the file, so callers must
 * not report it as undecodable: it is retryable, typically once the machine is less loaded.
 */
export class FfmpegInterruptedError extends Error {
  constructor(
    readonly tool: Tool,
    /** The timeout it ran into, in milliseconds; null when something else stopped it. */
    readonly timeoutMs: number | null,
    /** The signal that ended it, when the process died of it (ffmpeg catches SIGTERM/SIGINT and exits 255). */
    readonly signal: NodeJS.Signals | null,
  ) {
    super(
      timeoutMs === null
        ? `${tool} was stopped by ${signal ?? "a signal"} before it finished (not a fault of the file): retry`
        : `${tool} did not finish within its ${timeoutMs / 1000} s timeout and was stopped (not a fault of the file; the machine may be overloaded): retry`,
    );
    this.name = "FfmpegInterruptedError";
  }
}

/** ffmpeg's exit code after it caught SIGTERM, SIGINT or SIGQUIT (fftools: `received_nb_signals ? 255 : …`). */
const FFMPEG_SIGNALLED_EXIT = 255;

/** The programs runTool starts: Debian's ffmpeg and ffprobe, and x264's command-line encoder (check twins only). */
export type Tool = "ffmpeg" | "ffprobe" | "x264";

export interface ToolResult {
  /** Exit code; 0 is success. */
  code: number;
  stdout: string;
  stderr: string;
}

/** Generous: the longest real clip (8 s at 1920×1080) transcodes in well under a minute on one core. */
export const TOOL_TIMEOUT_MS = 10 * 60_000;

/**
 * Runs `ffmpeg`, `ffprobe` or `x264` (found on PATH; Debian's packages, never an npm-downloaded
 * binary) with the given arguments, never through a shell, stopping it after `timeoutMs` (default
 * TOOL_TIMEOUT_MS). Resolves with the exit code and output when the program exits on its own,
 * whatever the code; throws FfmpegMissingError (X264MissingError for x264) when it is not
 * installed and FfmpegInterruptedError when it timed out or a signal ended it.
 */
export function runTool(
  tool: Tool,
  args: readonly string[],
  { timeoutMs = TOOL_TIMEOUT_MS }: { timeoutMs?: number } = {},
): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    execFile(
      tool,
      args,
      { maxBuffer: 16 * 1024 * 1024, timeout: timeoutMs, encoding: "utf8" },
      (error, stdout, stderr) => {
        if (error && (error as NodeJS.ErrnoException).code === "ENOENT") return reject(tool === "x264" ? new X264MissingError() : new FfmpegMissingError());
        // execFile sets `killed` only when it sent the signal itself, at the timeout. (Past maxBuffer
        // it kills without saying so: that run stays a failure below, the output's fault.)
        if (error?.killed) return reject(new FfmpegInterruptedError(tool, timeoutMs, null));
        if (error?.signal) return reject(new FfmpegInterruptedError(tool, null, error.signal));
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        if (tool === "ffmpeg" && code === FFMPEG_SIGNALLED_EXIT)
          return reject(new FfmpegInterruptedError(tool, null, null));
        resolve({ code, stdout, stderr });
      },
    );
  });
}
