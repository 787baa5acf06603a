import { createHmac } from "node:crypto";
import type { RateLimiterAbstract } from "rate-limiter-flexible";
import { hashAddress } from "../address-hash";
import type { Db } from "../db/client";
import { apiHandler } from "./api-handler";
import { ApiError } from "../errors";
import { PUBLIC_CORS, parseQuery } from "./public-api";
import { consumeRateLimit } from "../rate-limit";
import { clientAddress } from "./request-info";
import { ENCODERS } from "../export/encoders";
import { type ExportQuery, exportQuerySchema } from "../export/export-query";
import { isValidApiKey, presentedApiKey } from "../export/api-keys";
import { checkExportFilters, countExportRows, readExportRows } from "../export/read-votes";

/** The UTF-8 byte-order mark, U+FEFF encoded. */
const UTF8_BOM = new Uint8Array([0xef, 0xbb, 0xbf]);

export interface ExportContext {
  db: Db;
  secret: string;
  limiter: RateLimiterAbstract;
  /** Exports selecting more rows than this need an API key; 0 never asks. */
  keyRequiredAboveRows: number;
  /**
   * Reads and encodes the export: HeavyWork.exportVotes in a worker thread in the web process
   * (lib/http/heavy-work.ts); in this thread (encodeInThread) when absent.
   */
  encode?: (query: ExportQuery, judgeSalt: string) => Promise<AsyncIterator<Uint8Array, undefined>>;
}

/** The export read and encoded in the calling thread (tests and tools without worker threads). */
export function encodeInThread(db: Db): NonNullable<ExportContext["encode"]> {
  return (query, judgeSalt) => Promise.resolve(ENCODERS[query.format].encode(readExportRows(db, query, judgeSalt)));
}

/** The salt behind the export's `judge` column, derived from the server secret: stable for this deployment. */
export function liveJudgeSalt(secret: string): string {
  return createHmac("sha256", secret).update("export-judge").digest("hex");
}

/**
 * GET /api/export/votes: streams the selected votes as CSV (with `bom=1`, after a UTF-8
 * byte-order mark), JSONL or Parquet. The stream pulls a
 * page from the database only when the client has taken the previous one (back-pressure), and a
 * client that disconnects cancels it, which stops the query.
 */
export const handleExportVotes = apiHandler({
  parse: (request) => parseQuery(request, exportQuerySchema),
  call: async (ctx: ExportContext, query, _caller, request) => {
    await consumeRateLimit(ctx.limiter, hashAddress(clientAddress(request), ctx.secret));
    await checkExportFilters(ctx.db, query);
    if (ctx.keyRequiredAboveRows > 0 && !(await isValidApiKey(ctx.db, presentedApiKey(request)))) {
      const rows = await countExportRows(ctx.db, query);
      if (rows > ctx.keyRequiredAboveRows) {
        throw new ApiError(
          401,
          "api_key_required",
          `Exports of more than ${ctx.keyRequiredAboveRows} votes need a researcher API key (Authorization: Bearer <key>); narrow the filters, or use a dataset release.`,
        );
      }
    }
    const format = ENCODERS[query.format];
    // Excel takes a CSV without a byte-order mark for the system code page (GBK on Chinese Windows).
    let preamble: Uint8Array | null = query.bom && query.format === "csv" ? UTF8_BOM : null;
    const chunks = await (ctx.encode ?? encodeInThread(ctx.db))(query, liveJudgeSalt(ctx.secret));
    // A client that leaves cancels the stream while a chunk may still be on its way: once
    // cancelled, nothing more is enqueued (that was the "Controller is already closed" error).
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          if (preamble) {
            controller.enqueue(preamble);
            preamble = null;
            return;
          }
          try {
            const next = await chunks.next();
            if (cancelled) return;
            if (next.done) controller.close();
            else controller.enqueue(next.value);
          } catch (error) {
            if (cancelled) return;
            console.error(`export failed: ${(error as Error).message}`);
            controller.error(error);
          }
        },
        async cancel() {
          cancelled = true;
          await chunks.return?.(undefined);
        },
      },
      { highWaterMark: 1 },
    );
    return new Response(body, {
      headers: {
        "Content-Type": format.contentType,
        "Content-Disposition": `attachment; filename="clip-arena-votes.${query.format}"`,
        "Cache-Control": "no-store",
        "Access-Control-Allow-Origin": "*",
        "X-Content-Type-Options": "nosniff",
      },
    });
  },
  headers: PUBLIC_CORS,
});
