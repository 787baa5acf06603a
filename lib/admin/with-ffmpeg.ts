import { DomainError } from "../errors";
import { FfmpegInterruptedError, FfmpegMissingError } from "../media/ffmpeg-tools";
import { RenderFailedError } from "../media/prompt-deliveries";

/**
 * Runs a step that uses ffmpeg for an operator's request. A missing ffmpeg is a one-line 503
 * (`ffmpeg_missing`), and an ffmpeg that timed out or was killed a 503 with Retry-After
 * (`ffmpeg_interrupted`): neither is a fault of the file, nor a crash. A clip that cannot be
 * rendered to its prompt's format is a 422 (`unreadable_video`) naming it.
 */
export async function withFfmpeg<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof FfmpegMissingError) throw new DomainError("ffmpeg_missing", error.message);
    if (error instanceof FfmpegInterruptedError) throw new DomainError("ffmpeg_interrupted", error.message);
    if (error instanceof RenderFailedError) throw new DomainError("unreadable_video", error.message);
    throw error;
  }
}
