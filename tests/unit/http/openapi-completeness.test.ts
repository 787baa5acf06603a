import fs from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { DIRECT_ROUTES } from "@/lib/http/direct-routes";
import { buildOpenApiDocument } from "@/lib/http/openapi/document";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];
/** Route files that are not part of the JSON API, and why. */
const NOT_DOCUMENTED: Record<string, string> = {
  "/api/auth/{nextauth}": "next-auth's own sign-in endpoints; the operator API documents the session cookie",
  "/api/{path}": "the JSON 404 for paths no route serves",
};

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

/** `app/api/models/[slug]/route.ts` → `/api/models/{slug}` (a catch-all `[...x]` → `{x}`). */
function openApiPath(file: string): string {
  const dir = path.relative(path.join(ROOT, "app"), path.dirname(file)).split(path.sep).join("/");
  return `/${dir}`.replace(/\[(?:\.\.\.)?([^\]]+)\]/g, "{$1}");
}

/** The methods a route file serves: its exported handlers, minus those it refuses with a 405. */
function servedMethods(source: string): string[] {
  const refused = /export const \{([^}]*)\} = refuseOtherMethods/.exec(source)?.[1] ?? "";
  const exported = METHODS.filter((method) =>
    new RegExp(`export (async )?function ${method}\\b|as ${method}\\b|export const \\{[^}]*\\b${method}\\b`).test(
      source,
    ),
  );
  return exported.filter((method) => !new RegExp(`\\b${method}\\b`).test(refused));
}

function documented(): Set<string> {
  const paths = buildOpenApiDocument().paths as Record<string, Record<string, unknown>>;
  return new Set(
    Object.entries(paths).flatMap(([route, operations]) =>
      Object.keys(operations).map((m) => `${m.toUpperCase()} ${route}`),
    ),
  );
}

test("the OpenAPI document lists every method of every route under app/api, and nothing else", () => {
  const served = new Set<string>();
  for (const file of routeFiles(path.join(ROOT, "app", "api"))) {
    const route = openApiPath(file);
    if (route in NOT_DOCUMENTED) continue;
    const methods = servedMethods(fs.readFileSync(file, "utf8"));
    expect(methods, `${route} serves no method`).not.toEqual([]);
    for (const method of methods) served.add(`${method} ${route}`);
  }
  expect([...documented()].sort()).toEqual([...served].sort());
});

test("every direct Node route is documented", () => {
  const listed = documented();
  for (const route of DIRECT_ROUTES)
    for (const method of route.methods.filter((m) => m !== "HEAD"))
      if (route.openApiPath) expect(listed).toContain(`${method} ${route.openApiPath}`);
});
