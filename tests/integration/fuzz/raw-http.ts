import net from "node:net";

/** What came back for one raw request: the status code, or 0 when the server sent no status line. */
export interface RawAnswer {
  status: number;
  /** The status line and headers (at most 4,000 characters when the head never ended). */
  head: string;
}

/**
 * Sends bytes as they are on a fresh TCP connection (no client library to tidy them up) and
 * reads the response head, or until the server closes the connection or `timeoutMs` passes.
 */
export function sendRaw(port: number, bytes: Buffer, timeoutMs = 5_000): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = net.connect(port, "127.0.0.1");
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString("latin1");
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0);
      const end = text.indexOf("\r\n\r\n");
      resolve({ status, head: end === -1 ? text.slice(0, 4000) : text.slice(0, end) });
    };
    const timer = setTimeout(finish, timeoutMs);
    socket.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      // The status is all that is checked: stop at the end of the response head (keep-alive answers).
      if (Buffer.concat(chunks).includes("\r\n\r\n")) finish();
    });
    socket.on("close", finish);
    socket.on("error", () => {}); // a reset after the answer is fine; "close" follows
    socket.on("connect", () => socket.write(bytes));
  });
}

/** Runs `work` over `items` with at most `concurrency` at a time. */
export async function forEachConcurrently<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}
