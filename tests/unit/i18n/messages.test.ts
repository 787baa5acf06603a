import { describe, expect, test } from "vitest";
import en from "@/messages/en.json";
import zh from "@/messages/zh.json";
import { EXPORT_COLUMNS } from "@/lib/export/columns";
import { buildOpenApiDocument } from "@/lib/http/openapi/document";
import { operationMessageKey } from "@/lib/http/openapi/message-keys";

type Tree = { [key: string]: unknown };

/** Every leaf path of a messages tree, e.g. "home.title". */
function leafPaths(tree: Tree, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    value !== null && typeof value === "object" && !Array.isArray(value)
      ? leafPaths(value as Tree, `${prefix}${key}.`)
      : [`${prefix}${key}`],
  );
}

describe("messages", () => {
  test("Chinese and English have exactly the same keys", () => {
    expect(leafPaths(zh).sort()).toEqual(leafPaths(en).sort());
  });

  test("every column of the data card is described in both languages", () => {
    for (const messages of [en, zh])
      expect(Object.keys(messages.dataPage.columns).sort()).toEqual(EXPORT_COLUMNS.map(([name]) => name).sort());
  });

  test("every operation and response of the OpenAPI document is said on /api-docs in both languages", () => {
    const document = buildOpenApiDocument() as {
      paths: Record<string, Record<string, { summary?: string; responses?: Record<string, { description?: string }> }>>;
    };
    const operations = Object.entries(document.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ key: operationMessageKey(method, path), op })),
    );
    const descriptions = new Set(
      operations.flatMap(({ op }) => Object.values(op.responses ?? {}).map((r) => r.description ?? "")),
    );
    for (const messages of [en, zh]) {
      const summaries = messages.apiDocs.summaries as Record<string, string>;
      const responses = messages.apiDocs.responses as Record<string, string>;
      expect(operations.map(({ key }) => key).filter((key) => !summaries[key])).toEqual([]);
      expect([...descriptions].filter((d) => !responses[d])).toEqual([]);
    }
    // next-intl reads a dot in a key as nesting.
    expect([...descriptions, ...operations.map(({ key }) => key)].filter((k) => k.includes("."))).toEqual([]);
  });
});
