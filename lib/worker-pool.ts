import { parentPort, type Worker } from "node:worker_threads";

/*
 * Heavy work off the request thread (CONVENTIONS 12): a small pool of node:worker_threads workers
 * that run named jobs, each either one answer (run) or a stream of byte chunks pulled one at a
 * time (stream), and a Gate that bounds how many jobs of a kind run and wait at once. The worker
 * side is serveWorkerJobs. Messages are structured clones (Dates, Maps and typed arrays survive);
 * stream chunks are transferred, not copied.
 */

type Request =
  | { id: number; type: "run"; kind: string; payload: unknown }
  | { id: number; type: "stream"; kind: string; payload: unknown }
  | { id: number; type: "pull" }
  | { id: number; type: "cancel" };
type Reply =
  | { id: number; type: "result"; value: unknown }
  | { id: number; type: "chunk"; value: Uint8Array | null }
  | { id: number; type: "error"; error: { name: string; message: string; extra: Record<string, unknown> } };

interface Pending {
  resolve: (reply: Reply) => void;
  reject: (error: Error) => void;
}

/** Job handlers of a worker: each kind gives a value (run) or an async stream of chunks (stream). */
export type WorkerJobs = Record<string, (payload: never) => Promise<unknown> | AsyncIterable<Uint8Array>>;

/** A job of a kind that one of its Gates refused: too many running and waiting already. */
export class GateFullError extends Error {
  constructor(readonly kind: string) {
    super(`too many ${kind} jobs at once`);
    this.name = "GateFullError";
  }
}

/**
 * Bounded concurrency for one kind of job: at most `running` at once, at most `waiting` queued
 * behind them (first come, first served); a job beyond both is refused with GateFullError at once,
 * so a burst of requests costs a rejection each instead of an ever longer queue.
 */
export class Gate {
  #active = 0;
  #queue: (() => void)[] = [];

  constructor(
    readonly kind: string,
    readonly running: number,
    readonly waiting: number,
  ) {}

  /** Waits for a slot (or throws GateFullError); call the returned function exactly once to free it. */
  async enter(): Promise<() => void> {
    if (this.#active >= this.running) {
      if (this.#queue.length >= this.waiting) throw new GateFullError(this.kind);
      await new Promise<void>((resolve) => this.#queue.push(resolve));
    } else this.#active += 1;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      const next = this.#queue.shift();
      if (next) next();
      else this.#active -= 1;
    };
  }

  /** Runs `job` inside a slot. */
  async run<T>(job: () => Promise<T>): Promise<T> {
    const leave = await this.enter();
    try {
      return await job();
    } finally {
      leave();
    }
  }
}

/** One worker thread and the jobs it has in hand. */
class PooledWorker {
  readonly pending = new Map<number, Pending>();
  constructor(readonly worker: Worker) {}
}

/**
 * A pool of `size` worker threads started on first use by `spawn` (each started worker is
 * unref'd: the pool never keeps a process alive). A job goes to the worker with the fewest jobs
 * in hand; a worker runs its jobs concurrently, as the async functions they are. A worker that
 * dies fails its jobs with its error and is replaced by the next job.
 */
export class WorkerPool {
  #workers: (PooledWorker | null)[];
  #nextId = 1;

  constructor(
    readonly spawn: () => Worker,
    size: number,
  ) {
    this.#workers = Array.from({ length: Math.max(1, size) }, () => null);
  }

  /** Runs a job to its one answer (rejects with the worker's error, its name and fields kept). */
  async run<T>(kind: string, payload: unknown): Promise<T> {
    const reply = await this.#send({ id: this.#nextId++, type: "run", kind, payload });
    return (reply as Extract<Reply, { type: "result" }>).value as T;
  }

  /**
   * A job's chunks, each asked for only when the consumer takes the previous one (back-pressure
   * across the thread boundary). Ending the iteration early (return/break) cancels the job in the
   * worker, which closes its source.
   */
  async *stream(kind: string, payload: unknown): AsyncGenerator<Uint8Array> {
    const id = this.#nextId++;
    const worker = this.#pick();
    let done = false;
    try {
      await this.#request(worker, { id, type: "stream", kind, payload });
      for (;;) {
        const reply = (await this.#request(worker, { id, type: "pull" })) as Extract<Reply, { type: "chunk" }>;
        if (reply.value === null) {
          done = true;
          return;
        }
        yield reply.value;
      }
    } finally {
      if (!done && this.#workers.includes(worker)) worker.worker.postMessage({ id, type: "cancel" } satisfies Request);
    }
  }

  /** Stops every worker (tests, shutdown). */
  async close(): Promise<void> {
    const workers = this.#workers.filter((w): w is PooledWorker => w !== null);
    this.#workers = this.#workers.map(() => null);
    await Promise.all(workers.map((w) => w.worker.terminate()));
  }

  #send(message: Request): Promise<Reply> {
    return this.#request(this.#pick(), message);
  }

  #request(pooled: PooledWorker, message: Request): Promise<Reply> {
    return new Promise<Reply>((resolve, reject) => {
      pooled.pending.set(message.id, { resolve, reject });
      pooled.worker.postMessage(message);
    });
  }

  #pick(): PooledWorker {
    let best = -1;
    for (let i = 0; i < this.#workers.length; i += 1) {
      const w = this.#workers[i];
      if (!w) {
        best = i;
        break;
      }
      const b = this.#workers[best];
      if (best < 0 || (b && w.pending.size < b.pending.size)) best = i;
    }
    const slot = Math.max(0, best);
    const existing = this.#workers[slot];
    if (existing) return existing;
    const pooled = new PooledWorker(this.spawn());
    pooled.worker.unref();
    this.#workers[slot] = pooled;
    pooled.worker.on("message", (reply: Reply) => {
      const waiting = pooled.pending.get(reply.id);
      if (!waiting) return;
      pooled.pending.delete(reply.id);
      if (reply.type === "error")
        waiting.reject(Object.assign(new Error(reply.error.message), reply.error.extra, { name: reply.error.name }));
      else waiting.resolve(reply);
    });
    const fail = (error: Error) => {
      if (this.#workers[slot] === pooled) this.#workers[slot] = null;
      for (const waiting of pooled.pending.values()) waiting.reject(error);
      pooled.pending.clear();
    };
    pooled.worker.on("error", fail);
    pooled.worker.on("exit", (code) => fail(new Error(`worker thread exited (code ${code})`)));
    return pooled;
  }
}

/**
 * The worker side of WorkerPool: answers `run` jobs with their handler's value and `stream` jobs
 * chunk by chunk as they are pulled. A handler's error goes back with its name, message and own
 * enumerable fields (an ApiError's status and code survive the trip).
 */
export function serveWorkerJobs(jobs: WorkerJobs): void {
  const port = parentPort;
  if (!port) throw new Error("serveWorkerJobs runs inside a worker thread");
  const streams = new Map<number, AsyncIterator<Uint8Array>>();
  const reply = (message: Reply, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
  const fail = (id: number, error: unknown) => {
    const e = error instanceof Error ? error : new Error(String(error));
    const extra: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(e))
      if (value === null || ["string", "number", "boolean"].includes(typeof value) || key === "headers")
        extra[key] = value;
    reply({ id, type: "error", error: { name: e.name, message: e.message, extra } });
  };
  port.on("message", (message: Request) => {
    void (async () => {
      const { id } = message;
      try {
        if (message.type === "run") {
          const handler = jobs[message.kind];
          if (!handler) throw new Error(`no worker job "${message.kind}"`);
          reply({ id, type: "result", value: await (handler(message.payload as never) as Promise<unknown>) });
        } else if (message.type === "stream") {
          const handler = jobs[message.kind];
          if (!handler) throw new Error(`no worker job "${message.kind}"`);
          streams.set(id, (handler(message.payload as never) as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]());
          reply({ id, type: "result", value: null });
        } else if (message.type === "pull") {
          const next = await streams.get(id)?.next();
          if (!next || next.done) {
            streams.delete(id);
            reply({ id, type: "chunk", value: null });
          } else {
            // A copy of exactly the chunk's bytes, transferred: the encoder may reuse its buffer.
            const chunk = next.value.slice();
            reply({ id, type: "chunk", value: chunk }, [chunk.buffer]);
          }
        } else {
          const stream = streams.get(id);
          streams.delete(id);
          await stream?.return?.();
        }
      } catch (error) {
        if (message.type === "pull") streams.delete(id);
        if (message.type !== "cancel") fail(id, error);
      }
    })();
  });
}
