import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FfmpegInterruptedError, runTool } from "@/lib/media/ffmpeg-tools";
import { isDecodable, probeMedia } from "@/lib/media/ffprobe";
import { ffmpegAvailable } from "../../ffmpeg";

// A real ffmpeg that would run for a minute: a synthetic source decoded to the null muxer.
const LONG_RUN = ["-nostdin", "-v", "error", "-f", "lavfi", "-i", "testsrc=size=1280x720", "-t", "60", "-f", "null", "-"];

/** Process ids of this process's `ffmpeg` (or `ffprobe`) children, read from /proc (Linux). */
function childrenNamed(program: string): number[] {
  return fs
    .readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .flatMap((name) => {
      try {
        const stat = fs.readFileSync(`/proc/${name}/stat`, "utf8");
        // "pid (comm) state ppid …": comm may hold spaces, so split after its closing bracket.
        const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
        const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        return comm === program && ppid === process.pid ? [Number(name)] : [];
      } catch {
        return []; // the process ended while being read
      }
    });
}

/** Waits (up to 5 s) until a child of that name runs; its process ids. */
async function waitForChild(program: string): Promise<number[]> {
  for (let i = 0; i < 100; i += 1) {
    const children = childrenNamed(program);
    if (children.length > 0) return children;
    await new Promise((r) => setTimeout(r, 50));
  }
  return [];
}

describe.skipIf(!ffmpegAvailable("the ffmpeg process-handling unit tests"))("runTool", () => {
  it("resolves with a failing exit code when the program exits on its own", async () => {
    const result = await runTool("ffprobe", ["-v", "error", "/nonexistent/clip.mp4"]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("No such file");
  });

  it("reports a timed-out run as interrupted, naming the timeout, not as a file that cannot be decoded", async () => {
    const started = Date.now();
    const run = runTool("ffmpeg", LONG_RUN, { timeoutMs: 300 });
    await expect(run).rejects.toBeInstanceOf(FfmpegInterruptedError);
    await expect(run).rejects.toMatchObject({ tool: "ffmpeg", timeoutMs: 300 });
    await expect(run).rejects.toThrow(/^ffmpeg did not finish within its 0\.3 s timeout and was stopped .*: retry$/);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it("reports a run killed by a signal from outside as interrupted, naming the signal", async () => {
    const run = runTool("ffmpeg", LONG_RUN);
    const children = await waitForChild("ffmpeg");
    expect(children).toHaveLength(1);
    process.kill(children[0]!, "SIGKILL");
    await expect(run).rejects.toMatchObject({ name: "FfmpegInterruptedError", signal: "SIGKILL", timeoutMs: null });
    await expect(run).rejects.toThrow("ffmpeg was stopped by SIGKILL before it finished (not a fault of the file): retry");
  });

  it("tells a SIGTERM that ffmpeg catches (exit 255) from a decode failure (exit 1)", async () => {
    const run = runTool("ffmpeg", LONG_RUN);
    const children = await waitForChild("ffmpeg");
    // Give ffmpeg time to install its signal handlers, so it exits by itself with 255.
    await new Promise((r) => setTimeout(r, 500));
    process.kill(children[0]!, "SIGTERM");
    await expect(run).rejects.toMatchObject({ name: "FfmpegInterruptedError", timeoutMs: null });
    await expect(run).rejects.toThrow(/^ffmpeg was stopped by (SIGTERM|a signal) before it finished/);
    expect(await isDecodable("/dev/zero")).toBe(false);
  });

  it("makes the probe and the decode check throw rather than call the file broken", async () => {
    // A FIFO nobody writes to: both programs wait on it until they are killed.
    const fifo = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ffmpeg-tools-")), "never.mp4");
    execFileSync("mkfifo", [fifo]);
    for (const [program, check] of [
      ["ffprobe", () => probeMedia(fifo)],
      ["ffmpeg", () => isDecodable(fifo)],
    ] as const) {
      const run = check();
      const children = await waitForChild(program);
      for (const pid of children) process.kill(pid, "SIGTERM");
      await expect(run).rejects.toMatchObject({ name: "FfmpegInterruptedError", tool: program, timeoutMs: null });
    }
    fs.rmSync(path.dirname(fifo), { recursive: true });
  });
});
