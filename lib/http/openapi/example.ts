/** A JSON Schema (2020-12, as z.toJSONSchema writes it) or an OpenAPI `$ref` to one. */
export type JsonSchema = { [key: string]: unknown };

/**
 * Strings tried, in order, against a `pattern` the schema gives no example for: the shapes the
 * API's ids, slugs, dates and keys take. A pattern none of them fits makes `exampleOf` throw, so a
 * new pattern needs an example on its zod schema (`.meta({ examples: [...] })`), not a guess.
 */
const PATTERN_CANDIDATES = [
  "kling-1-6",
  "2026-01-31",
  "1767139200",
  "v1",
  "clx0example0000000000001",
  "example_key_0123456789abcdef",
  "string",
];

const FORMATS: Record<string, string> = {
  date: "2026-01-31",
  "date-time": "2026-01-31T12:00:00.000Z",
  uri: "https://example.org/",
  url: "https://example.org/",
  email: "operator@example.org",
  uuid: "00000000-0000-4000-8000-000000000000",
  binary: "<file>",
};

/** Resolves an OpenAPI `$ref` ("#/components/schemas/Error") against the whole document. */
export function resolveRef(schema: JsonSchema, document: JsonSchema): JsonSchema {
  const ref = schema.$ref;
  if (typeof ref !== "string") return schema;
  const target = ref
    .replace(/^#\//, "")
    .split("/")
    .reduce<unknown>((node, key) => (node as JsonSchema | undefined)?.[key], document);
  if (!target || typeof target !== "object") throw new Error(`Unresolvable $ref ${ref}`);
  return resolveRef(target as JsonSchema, document);
}

/**
 * An example value of a JSON Schema, in the manner of Swagger UI's sample generator (swagger-client's
 * `sampleFromSchema`): the schema's own `examples[0]`, `default`, `const` or first `enum` value
 * when it gives one; otherwise a value of its type within its bounds (every object property,
 * arrays of `minItems` (at least one) items, numbers at their lower bound, strings from their
 * `format`, a fitting candidate for a `pattern`, "string" padded or cut to the length limits).
 * `anyOf`/`oneOf` take their first branch that is not null. Throws on a pattern no candidate fits.
 */
export function exampleOf(input: JsonSchema, document: JsonSchema = {}): unknown {
  const schema = resolveRef(input, document);
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if (schema.default !== undefined) return schema.default;
  if (schema.const !== undefined) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  const branches = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (branches) {
    const branch = branches.find((b) => resolveRef(b, document).type !== "null") ?? branches[0];
    return branch ? exampleOf(branch, document) : null;
  }
  if (Array.isArray(schema.allOf))
    return Object.assign({}, ...(schema.allOf as JsonSchema[]).map((part) => exampleOf(part, document)));
  const type = Array.isArray(schema.type) ? (schema.type as string[]).find((t) => t !== "null") : schema.type;
  switch (type) {
    case "object":
      return objectExample(schema, document);
    case "array":
      return arrayExample(schema, document);
    case "string":
      return stringExample(schema);
    case "integer":
    case "number":
      return numberExample(schema, type === "integer");
    case "boolean":
      return true;
    case "null":
      return null;
    default:
      return schema.properties ? objectExample(schema, document) : null;
  }
}

function objectExample(schema: JsonSchema, document: JsonSchema): Record<string, unknown> {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  return Object.fromEntries(Object.entries(properties).map(([name, s]) => [name, exampleOf(s, document)]));
}

function arrayExample(schema: JsonSchema, document: JsonSchema): unknown[] {
  if (Array.isArray(schema.prefixItems)) return (schema.prefixItems as JsonSchema[]).map((s) => exampleOf(s, document));
  const count = Math.max(1, Number(schema.minItems ?? 1));
  const item = exampleOf((schema.items ?? {}) as JsonSchema, document);
  return Array.from({ length: count }, () => item);
}

function stringExample(schema: JsonSchema): string {
  const min = Number(schema.minLength ?? 0);
  const max = Number(schema.maxLength ?? Infinity);
  const fits = (s: string) => s.length >= min && s.length <= max;
  if (typeof schema.pattern === "string") {
    const pattern = new RegExp(schema.pattern, "u");
    const found = PATTERN_CANDIDATES.find((s) => pattern.test(s) && fits(s));
    if (found === undefined) throw new Error(`No example fits the pattern ${schema.pattern}: give the schema one.`);
    return found;
  }
  const formatted = typeof schema.format === "string" ? FORMATS[schema.format] : undefined;
  if (formatted !== undefined && fits(formatted)) return formatted;
  return "string".padEnd(min, "x").slice(0, max);
}

/** A bound, unless it is only zod's safe-integer range (`.int()` writes ±(2^53 − 1)). */
const bound = (value: unknown) =>
  typeof value === "number" && Math.abs(value) < Number.MAX_SAFE_INTEGER ? value : undefined;

function numberExample(schema: JsonSchema, integer: boolean): number {
  const step = integer ? 1 : 0.5;
  const [minimum, maximum] = [bound(schema.minimum), bound(schema.maximum)];
  const [exclusiveMinimum, exclusiveMaximum] = [bound(schema.exclusiveMinimum), bound(schema.exclusiveMaximum)];
  const low = minimum ?? (exclusiveMinimum !== undefined ? exclusiveMinimum + step : undefined);
  const high = maximum ?? (exclusiveMaximum !== undefined ? exclusiveMaximum - step : undefined);
  const value = low ?? (high !== undefined ? Math.min(high, 0) : 0);
  return integer ? Math.ceil(value) : value;
}
