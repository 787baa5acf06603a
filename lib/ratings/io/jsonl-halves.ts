import fs from "node:fs";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { readJsonLines } from "./jsonl-votes";
import { transferablesOf, type VoteColumns, VoteColumnReader, VoteColumnWriter } from "./vote-columns";
import type { FileQuadRow } from "../quad-row";
import type { FileBattle, VoteFileProblem } from "../vote-row";

/** Files smaller than this are read on one thread: a worker's start-up would cost more than it saves. */
export const SPLIT_MIN_BYTES = 32 << 20;
/** Votes per message from the worker. */
const CHUNK = 1 << 16;
/** Votes yielded together, as readJsonLines yields them. */
const BATCH = 2048;

/** What the worker reads: the bytes [start, end) of a JSONL file, which begin a line. */
interface HalfJob {
  path: string;
  start: number;
  end: number;
  clusterKeys: boolean;
  quads: boolean;
}

type HalfMessage =
  | { kind: "chunk"; chunk: VoteColumns; quads: FileQuadRow[]; problems: VoteFileProblem[] }
  | { kind: "done"; lines: number }
  | { kind: "error"; message: string };

/** The offset just after the first newline at or after the middle of the file; `size` when there is none. */
export function splitPoint(path: string, size: number): number {
  const fd = fs.openSync(path, "r");
  try {
    const window = Buffer.allocUnsafe(1 << 16);
    for (let at = Math.floor(size / 2); at < size; at += window.length) {
      const read = fs.readSync(fd, window, 0, window.length, at);
      const newline = window.subarray(0, read).indexOf(10);
      if (newline >= 0) return at + newline + 1;
    }
    return size;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Starts the worker from this module's own file: under the bundled CLI (scripts/bundled.mjs) that
 * is the CLI's bundle, whose runCli does nothing off the main thread; under tsx or vitest the
 * TypeScript source, through tsx's loader.
 */
function spawnHalfReader(job: HalfJob): Worker {
  const workerData = { jsonlHalf: job };
  if (!import.meta.url.endsWith(".ts")) return new Worker(new URL(import.meta.url), { workerData, execArgv: [] });
  const boot = `import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(import.meta.url)}); });`;
  return new Worker(boot, { eval: true, workerData, execArgv: [] });
}

/** The worker's messages as a queue the reader awaits one at a time. */
function inboxOf(worker: Worker): () => Promise<HalfMessage> {
  const queue: HalfMessage[] = [];
  let waiting: ((message: HalfMessage) => void) | null = null;
  const deliver = (message: HalfMessage) => {
    if (waiting) {
      const resolve = waiting;
      waiting = null;
      resolve(message);
    } else queue.push(message);
  };
  worker.on("message", deliver);
  worker.on("error", (error) => deliver({ kind: "error", message: error.message }));
  worker.on("exit", (code) => deliver({ kind: "error", message: `the reading thread stopped (exit code ${code})` }));
  return () => {
    const next = queue.shift();
    return next ? Promise.resolve(next) : new Promise((resolve) => (waiting = resolve));
  };
}

/**
 * The votes of a JSONL file as readJsonLines gives them (same votes, same order, same problems
 * with the same line numbers), read on two cores: a worker thread reads the second half (from
 * the first line that starts after the middle) while this thread reads the first; then the
 * worker's votes follow, their line numbers offset by the first half's line count. Quad rows
 * reach `onQuad` before the votes of the chunk they were read in, as readJsonLines's batches do.
 * Files under `minBytes` (default SPLIT_MIN_BYTES), or without a newline after the middle, are
 * read on this thread alone. Throws when the worker fails (an unreadable file).
 */
export async function* readJsonLinesInHalves(
  path: string,
  problems: VoteFileProblem[],
  clusterKeys = false,
  onQuad?: (row: FileQuadRow) => void,
  minBytes = SPLIT_MIN_BYTES,
): AsyncGenerator<FileBattle[]> {
  const size = fs.statSync(path).size;
  const split = size >= minBytes ? splitPoint(path, size) : size;
  if (split >= size) {
    yield* readJsonLines(path, problems, clusterKeys, onQuad);
    return;
  }
  const worker = spawnHalfReader({ path, start: split, end: size, clusterKeys, quads: onQuad !== undefined });
  const next = inboxOf(worker);
  try {
    const first = readJsonLines(path, problems, clusterKeys, onQuad, { start: 0, end: split });
    let step = first.next();
    for (; !step.done; step = first.next()) yield step.value;
    const offset = step.value;
    const reader = new VoteColumnReader();
    for (;;) {
      const message = await next();
      if (message.kind === "error") throw new Error(`reading ${path}: ${message.message}`);
      if (message.kind === "done") return;
      for (const problem of message.problems) problems.push({ ...problem, line: problem.line + offset });
      if (onQuad) for (const row of message.quads) onQuad(row);
      yield* reader.batches(message.chunk, BATCH);
    }
  } finally {
    worker.removeAllListeners();
    await worker.terminate();
  }
}

/** The worker's side: reads its half and posts it in chunks of typed arrays. */
function serveHalf(job: HalfJob): void {
  const port = parentPort as NonNullable<typeof parentPort>;
  const writer = new VoteColumnWriter(CHUNK);
  const problems: VoteFileProblem[] = [];
  let quads: FileQuadRow[] = [];
  const post = () => {
    const chunk = writer.take();
    const message: HalfMessage = { kind: "chunk", chunk, quads, problems: problems.splice(0) };
    port.postMessage(message, transferablesOf(chunk));
    quads = [];
  };
  try {
    const onQuad = job.quads ? (row: FileQuadRow) => void quads.push(row) : undefined;
    const half = readJsonLines(job.path, problems, job.clusterKeys, onQuad, job);
    let step = half.next();
    for (; !step.done; step = half.next())
      for (const battle of step.value) {
        writer.add(battle);
        if (writer.size === CHUNK) post();
      }
    post();
    port.postMessage({ kind: "done", lines: step.value } satisfies HalfMessage);
  } catch (error) {
    port.postMessage({ kind: "error", message: (error as Error).message } satisfies HalfMessage);
  }
}

if (!isMainThread && (workerData as { jsonlHalf?: HalfJob } | null)?.jsonlHalf)
  serveHalf((workerData as { jsonlHalf: HalfJob }).jsonlHalf);
