import { exportQuerySchema } from "../../export/export-query";
import { RELEASE_FILE_TYPES } from "../release-files";
import { error, queryParameters } from "./helpers";

const fileContent = (types: readonly string[]) =>
  Object.fromEntries(types.map((type) => [type, { schema: { type: "string", format: "binary" } }]));

/** The open-data endpoints: the live vote export, frozen releases, and the service's own documents. */
export function dataPaths() {
  return {
    "/api/export/votes": {
      get: {
        summary: "Stream the selected votes as CSV, JSONL or Parquet (the published columns; voters pseudonymous)",
        parameters: queryParameters(exportQuerySchema),
        security: [{}, { researcherApiKey: [] }],
        responses: {
          "200": {
            description: "The votes, streamed",
            content: fileContent(["text/csv", "application/x-ndjson", "application/vnd.apache.parquet"]),
          },
          "400": error("Malformed filter (dates are YYYY-MM-DD or UNIX seconds)"),
          "401": error("This selection is large enough to need a researcher API key"),
          "404": error("Unknown category or model"),
          "429": error("Rate limited (see Retry-After)"),
          "503": error("Database unavailable"),
        },
      },
    },
    "/api/releases/{release}/{file}": {
      get: {
        summary: "A file of a frozen, numbered dataset release (immutable, cacheable for a year)",
        parameters: [
          { name: "release", in: "path", required: true, schema: { type: "string", pattern: "^v?\\d{1,6}$" } },
          {
            name: "file",
            in: "path",
            required: true,
            schema: { type: "string", enum: Object.keys(RELEASE_FILE_TYPES) },
          },
        ],
        responses: {
          "200": { description: "The file", content: fileContent([...new Set(Object.values(RELEASE_FILE_TYPES))]) },
          "404": error("No such release or file"),
        },
      },
    },
    "/api/health": {
      get: {
        summary: "Liveness and database reachability",
        responses: { "200": { description: '`{ status: "ok" }`' }, "503": error("Database unavailable") },
      },
    },
    "/api/openapi.json": {
      get: { summary: "This document", responses: { "200": { description: "The OpenAPI document as JSON" } } },
    },
  };
}

/** A researcher's export key: `Authorization: Bearer <key>` (or `?key=`), issued on /account. */
export const researcherSecurityScheme = { researcherApiKey: { type: "http", scheme: "bearer" } };
