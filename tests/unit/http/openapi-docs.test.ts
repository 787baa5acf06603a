import Ajv2020 from "ajv/dist/2020";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, test } from "vitest";
import { OperationSection, type OperationLabels } from "@/components/api-docs/operation-section";
import { buildOpenApiDocument } from "@/lib/http/openapi/document";
import { exampleOf, type JsonSchema, resolveRef } from "@/lib/http/openapi/example";
import { describeOperations } from "@/lib/http/openapi/operations";
import en from "@/messages/en.json";
import zh from "@/messages/zh.json";

const DOCUMENT = buildOpenApiDocument() as JsonSchema;
const OPERATIONS = describeOperations(DOCUMENT);

// JSON Schema 2020-12, the dialect z.toJSONSchema writes; the formats the document uses are checked too.
const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addFormat("date", /^\d{4}-\d{2}-\d{2}$/);
ajv.addFormat("date-time", { validate: (s: string) => !Number.isNaN(Date.parse(s)) });
ajv.addFormat("uri", { validate: (s: string) => URL.canParse(s) });
ajv.addFormat("binary", true);

/** The schema with `$ref`s to components inlined, so ajv can compile it alone. */
function inline(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(inline);
  if (!schema || typeof schema !== "object") return schema;
  const resolved = resolveRef(schema as JsonSchema, DOCUMENT);
  return Object.fromEntries(Object.entries(resolved).map(([key, value]) => [key, inline(value)]));
}

function problems(schema: JsonSchema, value: unknown): string[] {
  const validate = ajv.compile(inline(schema) as JsonSchema);
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

/** Every (label, schema, example) the page shows: parameters, request bodies (per media type) and responses. */
function examples() {
  const paths = DOCUMENT.paths as Record<string, Record<string, JsonSchema>>;
  return Object.entries(paths).flatMap(([path, operations]) =>
    Object.entries(operations).flatMap(([method, op]) => {
      const label = `${method.toUpperCase()} ${path}`;
      const parameters = ((op.parameters ?? []) as JsonSchema[]).map((p) => ({
        label: `${label} parameter ${String(p.name)}`,
        schema: p.schema as JsonSchema,
      }));
      const content = (c: unknown, where: string) =>
        Object.entries((c ?? {}) as Record<string, { schema: JsonSchema }>).map(([type, media]) => ({
          label: `${label} ${where} ${type}`,
          schema: media.schema,
        }));
      const body = content((op.requestBody as JsonSchema | undefined)?.content, "request body");
      const responses = Object.entries((op.responses ?? {}) as Record<string, JsonSchema>).flatMap(([status, r]) =>
        content(r.content, `response ${status}`),
      );
      return [...parameters, ...body, ...responses];
    }),
  );
}

describe("examples on /api-docs", () => {
  test("every parameter, request body and response example validates against its schema", () => {
    const all = examples();
    expect(all.length).toBeGreaterThan(100);
    const failures = all.flatMap(({ label, schema }) =>
      problems(schema, exampleOf(schema, DOCUMENT)).map((p) => `${label}: ${p}`),
    );
    expect(failures).toEqual([]);
  });

  test("the page's examples are those examples: the request URL, its body and the first 2xx JSON response", () => {
    for (const op of OPERATIONS) {
      const url = new URL(op.requestExample.url, "http://x");
      expect(url.pathname, op.anchor).not.toMatch(/[{}]/);
      for (const p of op.parameters.filter((p) => p.in === "path"))
        expect(
          problems(
            p.schema,
            decodeURIComponent(url.pathname.split("/").find((s, i) => op.path.split("/")[i] === `{${p.name}}`)!),
          ),
          op.anchor,
        ).toEqual([]);
      for (const [name, value] of url.searchParams) {
        const parameter = op.parameters.find((p) => p.name === name && p.in === "query")!;
        expect(problems(parameter.schema, value), `${op.anchor} ?${name}`).toEqual([]);
      }
      if (op.requestBody) expect(problems(op.requestBody.schema, op.requestExample.body), op.anchor).toEqual([]);
      const success = op.responses.find((r) => r.status === op.responseExample?.status);
      if (success?.body) expect(problems(success.body.schema, op.responseExample?.body), op.anchor).toEqual([]);
    }
  });

  test("a wrong example is caught (the check can fail)", () => {
    const vote = OPERATIONS.find((op) => op.path === "/api/battles/{battleId}/vote")!;
    expect(problems(vote.requestBody!.schema, { outcome: "sideways" })).not.toEqual([]);
    expect(problems(vote.parameters[0]!.schema, "not an id!")).not.toEqual([]);
  });

  test("a pattern no candidate fits needs an example on its schema", () => {
    expect(() => exampleOf({ type: "string", pattern: "^zz[0-9]{3}$" })).toThrow(/pattern/);
    expect(exampleOf({ type: "string", pattern: "^zz[0-9]{3}$", examples: ["zz123"] })).toBe("zz123");
  });
});

describe("operations on /api-docs", () => {
  test("each has a method, a path, a summary, a unique anchor and a typed parameter list", () => {
    const anchors = OPERATIONS.map((op) => op.anchor);
    expect(new Set(anchors).size).toBe(anchors.length);
    for (const op of OPERATIONS) {
      expect(op.summary, op.anchor).not.toBe("");
      expect(op.anchor).toMatch(/^[a-z0-9-]+$/);
      for (const p of op.parameters) expect(p.type, `${op.anchor} ${p.name}`).not.toBe("any");
    }
    const leaderboard = OPERATIONS.find((op) => op.path === "/api/leaderboard")!;
    expect(leaderboard.parameters.find((p) => p.name === "method")).toMatchObject({
      in: "query",
      type: "string",
      required: false,
      constraints: ['one of "bt", "bt-half", "elo"', 'default "bt"'],
    });
    const rows = leaderboard.responses.find((r) => r.status === "200")!.body!.fields;
    expect(rows.find((f) => f.path === "rows[].ciLow")).toMatchObject({ type: "number | null", required: true });
  });

  test("operator endpoints are exactly those that need an operator session", () => {
    const operator = OPERATIONS.filter((op) => op.audience === "operator").map((op) => op.path);
    expect(operator.length).toBeGreaterThan(10);
    for (const path of operator) expect(path).toMatch(/^\/api\/(admin|account)\//);
    for (const op of OPERATIONS.filter((op) => op.audience === "public"))
      expect(op.path, op.anchor).not.toMatch(/^\/api\/(admin|account)\//);
  });

  test("every security scheme and parameter location is named in both languages", () => {
    const schemes = new Set(OPERATIONS.flatMap((op) => op.security));
    const locations = new Set(OPERATIONS.flatMap((op) => op.parameters.map((p) => p.in)));
    for (const messages of [en, zh]) {
      for (const scheme of schemes) expect(messages.apiDocs.security, scheme).toHaveProperty(scheme);
      for (const where of locations) expect(messages.apiDocs.locations, where).toHaveProperty(where);
    }
  });

  test("a section renders its method, path, parameters with types, body fields, responses and examples", () => {
    const op = OPERATIONS.find((o) => o.path === "/api/battles/{battleId}/vote")!;
    const labels: OperationLabels = {
      summary: (o) => `summary of ${o.path}`,
      response: (d) => `response: ${d}`,
      security: (s) => s,
      text: (key) => `[${key}]`,
      fields: { required: "req", optional: "opt", location: (where) => `in ${where}` },
    };
    const html = renderToStaticMarkup(createElement(OperationSection, { op, labels }));
    expect(html).toContain(`id="${op.anchor}"`);
    expect(html).toContain(">POST</span>");
    expect(html).toContain("/api/battles/{battleId}/vote");
    expect(html).toContain("battleId</code>");
    expect(html).toContain("in path");
    expect(html).toContain("pattern ^[a-z0-9]{20,40}$");
    expect(html).toContain("outcome</code>");
    expect(html).toContain("response: Vote stored; the models are revealed");
    expect(html).toContain('href="#errors"');
    expect(html).toContain(`POST ${op.requestExample.url}`);
    expect(html).toContain("Content-Type: application/json");
    expect(html).toContain("[exampleResponse] 201");
  });
});
