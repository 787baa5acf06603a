import { z } from "zod";

/** The JSON Schema of a zod schema, as a request (input) sees it. */
export const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: "input", unrepresentable: "any" });

/** A required JSON request body. */
export const body = (s: z.ZodType) => ({ required: true, content: { "application/json": { schema: schema(s) } } });

/** A 2xx JSON response. */
export const ok = (description: string, s: z.ZodType) => ({
  description,
  content: { "application/json": { schema: schema(s) } },
});

/** An error response in the API's one error shape. */
export const error = (description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
});

/** Query parameters of an object schema, one per field. */
export function queryParameters(object: z.ZodObject) {
  return Object.entries(object.shape).map(([name, field]) => ({
    name,
    in: "query",
    required: false,
    schema: schema(field as z.ZodType),
  }));
}
