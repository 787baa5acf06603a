import { describe, expect, test } from "vitest";
import { sliceStream } from "@/lib/storage/slice-stream";

/** A stream of `bytes` cut into chunks of the given sizes. */
function chunked(bytes: Uint8Array, sizes: number[]): ReadableStream<Uint8Array> {
  let offset = 0;
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      const size = sizes[i++ % sizes.length] ?? 1;
      controller.enqueue(bytes.subarray(offset, offset + size));
      offset += size;
    },
  });
}

async function collect(stream: ReadableStream<Uint8Array>): Promise<number[]> {
  const out: number[] = [];
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) out.push(...chunk);
  return out;
}

describe("sliceStream", () => {
  const bytes = Uint8Array.from({ length: 100 }, (_, i) => i);

  test("yields exactly the asked bytes whatever the chunking", async () => {
    for (const sizes of [[1], [7], [3, 50], [100]])
      for (const [skip, length] of [
        [0, 1],
        [0, 100],
        [5, 10],
        [49, 2],
        [99, 1],
      ] as const)
        expect(await collect(sliceStream(chunked(bytes, sizes), skip, length))).toEqual([
          ...bytes.subarray(skip, skip + length),
        ]);
  });

  test("fails when the source ends before the asked length", async () => {
    await expect(collect(sliceStream(chunked(bytes, [10]), 95, 10))).rejects.toThrow(/early/);
  });
});
