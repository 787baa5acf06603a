/**
 * The messages key of an operation's summary on /api-docs: "METHOD /path", with dots written as
 * underscores because next-intl reads a dot in a key as nesting (`/api/openapi.json`).
 */
export function operationMessageKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${path}`.replaceAll(".", "_");
}
