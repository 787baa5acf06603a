import { exampleOf, type JsonSchema, resolveRef } from "./example";

/** Who may call an operation: anyone, or a signed-in operator (session cookie; writes add the CSRF header). */
export type Audience = "public" | "operator";

/** One row of a schema's field table: a property path such as "rows[].ciLow". */
export interface FieldDoc {
  path: string;
  type: string;
  required: boolean;
  constraints: string[];
  description?: string;
}

/** A request or response body: its media types, fields, schema and a generated example. */
export interface BodyDoc {
  contentTypes: string[];
  /** The component a body refers to ("Error"), when it is a `$ref`: its fields are documented once. */
  ref?: string;
  fields: FieldDoc[];
  schema: JsonSchema;
  example: unknown;
}

export interface ParameterDoc extends FieldDoc {
  name: string;
  in: string;
  schema: JsonSchema;
  example: unknown;
}

export interface ResponseDoc {
  status: string;
  description: string;
  body?: BodyDoc;
}

/** One operation of the OpenAPI document, in the form /api-docs shows it. */
export interface OperationDoc {
  /** The fragment id of its section, e.g. "post-api-battles-battleid-vote". */
  anchor: string;
  method: string;
  path: string;
  summary: string;
  description?: string;
  audience: Audience;
  /** Names of the security schemes it accepts (components.securitySchemes), e.g. "researcherApiKey". */
  security: string[];
  parameters: ParameterDoc[];
  requestBody?: BodyDoc & { required: boolean };
  responses: ResponseDoc[];
  /** An example request: the URL with path and query examples filled in, and the body example. */
  requestExample: { method: string; url: string; contentType?: string; body?: unknown };
  /** The first 2xx response with a JSON body, with its example. */
  responseExample?: { status: string; body: unknown };
}

const METHODS = ["get", "post", "put", "patch", "delete"];

const anchorOf = (method: string, path: string) =>
  `${method}-${path}`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

/**
 * Every operation of an OpenAPI 3.1 document (lib/http/openapi/document.ts), in document order,
 * with its parameters, bodies and responses flattened into field tables and an example generated
 * from each schema (lib/http/openapi/example.ts). Operations whose security names the
 * `operatorSession` scheme are "operator"; the rest are public (the researcher key of the export
 * is optional). Pure.
 */
export function describeOperations(document: JsonSchema): OperationDoc[] {
  const paths = (document.paths ?? {}) as Record<string, Record<string, JsonSchema>>;
  return Object.entries(paths).flatMap(([path, operations]) =>
    METHODS.filter((method) => operations[method]).map((method) =>
      describeOperation(document, method, path, operations[method]!),
    ),
  );
}

function describeOperation(document: JsonSchema, method: string, path: string, op: JsonSchema): OperationDoc {
  const security = [
    ...new Set(((op.security ?? []) as Record<string, unknown>[]).flatMap((requirement) => Object.keys(requirement))),
  ];
  const parameters = ((op.parameters ?? []) as JsonSchema[]).map((p) => {
    const schema = (p.schema ?? {}) as JsonSchema;
    return {
      ...fieldOf(String(p.name), schema, p.required === true, document),
      description: (p.description as string | undefined) ?? (schema.description as string | undefined),
      name: String(p.name),
      in: String(p.in),
      schema,
      example: exampleOf(schema, document),
    };
  });
  const requestBody = op.requestBody
    ? {
        ...bodyOf((op.requestBody as JsonSchema).content as Record<string, { schema?: JsonSchema }>, document)!,
        required: (op.requestBody as JsonSchema).required === true,
      }
    : undefined;
  const responses = Object.entries((op.responses ?? {}) as Record<string, JsonSchema>)
    .map(([status, r]) => ({
      status,
      description: typeof r.description === "string" ? r.description : "",
      body: bodyOf(r.content as Record<string, { schema?: JsonSchema }> | undefined, document),
    }))
    .sort((a, b) => a.status.localeCompare(b.status));
  const success = responses.find((r) => r.status.startsWith("2") && r.body?.contentTypes.includes("application/json"));
  return {
    anchor: anchorOf(method, path),
    method: method.toUpperCase(),
    path,
    summary: typeof op.summary === "string" ? op.summary : "",
    description: op.description as string | undefined,
    audience: security.includes("operatorSession") ? "operator" : "public",
    security,
    parameters,
    requestBody,
    responses,
    requestExample: {
      method: method.toUpperCase(),
      url: exampleUrl(path, parameters),
      contentType: requestBody?.contentTypes[0],
      body: requestBody?.example,
    },
    responseExample: success?.body ? { status: success.status, body: success.body.example } : undefined,
  };
}

/** The path with path parameters replaced by their examples, and the query parameters that are required or carry an example. */
function exampleUrl(path: string, parameters: ParameterDoc[]): string {
  const filled = parameters
    .filter((p) => p.in === "path")
    .reduce((url, p) => url.replace(`{${p.name}}`, encodeURIComponent(String(p.example))), path);
  const query = new URLSearchParams(
    parameters
      .filter((p) => p.in === "query" && (p.required || p.constraints.some((c) => c.startsWith("example"))))
      .map((p) => [p.name, String(p.example)]),
  ).toString();
  return query ? `${filled}?${query}` : filled;
}

function bodyOf(content: Record<string, { schema?: JsonSchema }> | undefined, document: JsonSchema) {
  const types = Object.keys(content ?? {});
  const first = types[0];
  const schema = first ? content?.[first]?.schema : undefined;
  if (!first || !schema) return undefined;
  const ref = typeof schema.$ref === "string" ? schema.$ref.split("/").pop() : undefined;
  return {
    contentTypes: types,
    ref,
    fields: ref ? [] : fieldsOf(schema, document),
    schema,
    example: exampleOf(schema, document),
  };
}

/** The fields of an object schema, nested objects and arrays of objects flattened ("a.b", "a[].b"). */
export function fieldsOf(input: JsonSchema, document: JsonSchema, prefix = "", depth = 0): FieldDoc[] {
  const resolved = resolveRef(input, document);
  const alternatives = objectAlternatives(resolved, document);
  // A union of objects (a pair's or a quad's vote): every alternative's fields, each once and
  // optional, since no one of them is required by every alternative's caller.
  if (alternatives.length > 1 && depth <= 5) {
    const rows = alternatives.flatMap((branch) => fieldsOf(branch, document, prefix, depth));
    const seen = new Set<string>();
    return rows.filter((row) => !seen.has(row.path) && seen.add(row.path)).map((row) => ({ ...row, required: false }));
  }
  const schema = objectBranch(resolved, document);
  if (!schema || depth > 5) return [];
  const required = new Set((schema.required ?? []) as string[]);
  const properties = Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>);
  const rows = properties.flatMap(([name, property]) => {
    const path = `${prefix}${name}`;
    const resolved = resolveRef(property, document);
    const items = arrayItems(resolved, document);
    return [
      fieldOf(path, resolved, required.has(name), document),
      ...fieldsOf(resolved, document, `${path}.`, depth + 1),
      ...(items ? fieldsOf(items, document, `${path}[].`, depth + 1) : []),
    ];
  });
  const values = schema.additionalProperties;
  if (values && typeof values === "object" && Object.keys(values).length > 0)
    rows.push(fieldOf(`${prefix}<key>`, values as JsonSchema, false, document));
  return rows;
}

/** The object branches of a union schema (anyOf or oneOf); empty for anything else. */
function objectAlternatives(schema: JsonSchema, document: JsonSchema): JsonSchema[] {
  const branches = ((schema.anyOf ?? schema.oneOf ?? []) as JsonSchema[]).map((b) => resolveRef(b, document));
  return branches.filter((b) => b.type === "object" || b.properties);
}

/** The object a schema describes, itself or its one object branch (a nullable object); else undefined. */
function objectBranch(schema: JsonSchema, document: JsonSchema): JsonSchema | undefined {
  if (schema.type === "object" || schema.properties) return schema;
  const branches = ((schema.anyOf ?? schema.oneOf ?? []) as JsonSchema[]).map((b) => resolveRef(b, document));
  const objects = branches.filter((b) => b.type === "object" || b.properties);
  return objects.length === 1 ? objects[0] : undefined;
}

function arrayItems(schema: JsonSchema, document: JsonSchema): JsonSchema | undefined {
  const array =
    schema.type === "array"
      ? schema
      : ((schema.anyOf ?? []) as JsonSchema[]).map((b) => resolveRef(b, document)).find((b) => b.type === "array");
  return array?.items as JsonSchema | undefined;
}

function fieldOf(path: string, schema: JsonSchema, required: boolean, document: JsonSchema): FieldDoc {
  return {
    path,
    type: typeOf(schema, document),
    required,
    constraints: constraintsOf(resolveRef(schema, document), document),
    description: resolveRef(schema, document).description as string | undefined,
  };
}

/** A schema's type in TypeScript-like notation: "string", "number | null", "string[]", "\"overall\" | string". */
export function typeOf(input: JsonSchema, document: JsonSchema): string {
  if (typeof input.$ref === "string") return input.$ref.split("/").pop()!;
  const schema = input;
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  const branches = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (branches) return [...new Set(branches.map((b) => typeOf(b, document)))].join(" | ");
  const types = Array.isArray(schema.type)
    ? (schema.type as string[])
    : typeof schema.type === "string"
      ? [schema.type]
      : [];
  if (types.length === 0) return schema.properties ? "object" : "any";
  return types
    .map((type) => {
      if (type === "array") {
        const items = schema.items as JsonSchema | undefined;
        if (Array.isArray(schema.prefixItems))
          return `[${(schema.prefixItems as JsonSchema[]).map((s) => typeOf(s, document)).join(", ")}]`;
        const inner = items ? typeOf(items, document) : "any";
        return inner.includes(" | ") ? `(${inner})[]` : `${inner}[]`;
      }
      if (type === "string" && typeof schema.format === "string") return `string (${schema.format})`;
      if (type === "object" && schema.additionalProperties && typeof schema.additionalProperties === "object")
        return `record<string, ${typeOf(schema.additionalProperties as JsonSchema, document)}>`;
      return type;
    })
    .join(" | ");
}

const SAFE = Number.MAX_SAFE_INTEGER;

/** A schema's constraints in words: bounds, lengths, pattern, allowed values, default, examples. */
export function constraintsOf(schema: JsonSchema, document: JsonSchema): string[] {
  const out: string[] = [];
  const num = (key: string) =>
    typeof schema[key] === "number" && Math.abs(schema[key]) < SAFE ? schema[key] : undefined;
  if (num("minimum") !== undefined) out.push(`≥ ${num("minimum")}`);
  if (num("exclusiveMinimum") !== undefined) out.push(`> ${num("exclusiveMinimum")}`);
  if (num("maximum") !== undefined) out.push(`≤ ${num("maximum")}`);
  if (num("exclusiveMaximum") !== undefined) out.push(`< ${num("exclusiveMaximum")}`);
  if (schema.type === "integer" || (Array.isArray(schema.type) && schema.type.includes("integer"))) out.push("integer");
  if (num("minLength") !== undefined || num("maxLength") !== undefined)
    out.push(`length ${num("minLength") ?? 0}–${num("maxLength") ?? "∞"}`);
  if (num("minItems") !== undefined || num("maxItems") !== undefined)
    out.push(`items ${num("minItems") ?? 0}–${num("maxItems") ?? "∞"}`);
  // zod writes its full calendar regex beside format date / date-time: the format already says it.
  if (typeof schema.pattern === "string" && !["date", "date-time"].includes(String(schema.format)))
    out.push(`pattern ${schema.pattern}`);
  if (Array.isArray(schema.enum)) out.push(`one of ${schema.enum.map((v) => JSON.stringify(v)).join(", ")}`);
  if (schema.items && typeof schema.items === "object")
    for (const c of constraintsOf(resolveRef(schema.items as JsonSchema, document), document)) out.push(`each ${c}`);
  for (const branch of ((schema.anyOf ?? schema.oneOf ?? []) as JsonSchema[]).map((b) => resolveRef(b, document)))
    for (const c of constraintsOf(branch, document)) if (!c.startsWith("default") && !out.includes(c)) out.push(c);
  if (schema.default !== undefined) out.push(`default ${JSON.stringify(schema.default)}`);
  if (Array.isArray(schema.examples) && schema.examples.length > 0)
    out.push(`example ${JSON.stringify(schema.examples[0])}`);
  return out;
}
