/**
 * The `length` bytes of a stream after its first `skip` bytes, then it ends (and the source is
 * cancelled). For HTTP sources that may answer a Range request with more than was asked: a 200
 * with the whole body, which RFC 9110 §14.2 allows, or an over-long 206 from some S3-compatible
 * servers (s3rver reads `bytes=0-0` as the whole object).
 */
export function sliceStream(
  source: ReadableStream<Uint8Array>,
  skip: number,
  length: number,
): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  let toSkip = skip;
  let left = length;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      while (left > 0) {
        const { done, value } = await reader.read();
        if (done) break;
        const from = Math.min(toSkip, value.length);
        toSkip -= from;
        const chunk = value.subarray(from, from + left);
        if (chunk.length === 0) continue;
        left -= chunk.length;
        controller.enqueue(chunk);
        return;
      }
      if (left > 0) controller.error(new Error(`stream ended ${left} bytes early`));
      else {
        controller.close();
        await reader.cancel();
      }
    },
    cancel: (reason) => reader.cancel(reason),
  });
}
