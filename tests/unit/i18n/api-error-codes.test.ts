import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, test } from "vitest";
import { STATUS_OF_CODE } from "@/lib/http/error-status";
import en from "@/messages/en.json";
import zh from "@/messages/zh.json";

/*
 * Every error code the server can answer has a sentence of its own in both languages under
 * `apiErrors.codes`, so a page never shows the API's English text for a known failure. The codes
 * are read from the source itself (TypeScript's parser): the code argument of every
 * `new ApiError(…)`, `new DomainError(…)`, `errorResponse(…)`, front-door `refuse(…)` and `fieldError(…)`, the
 * `[status, "code", …]` tuples of a status table, and every code of STATUS_OF_CODE (lib/http/error-status.ts). A call whose code is not a string literal fails
 * the test unless it is one of the known forwarders below, so a new code cannot slip past.
 */

const ROOT = path.resolve(import.meta.dirname, "../../..");
/** Calls that pass on a code chosen elsewhere (itself collected where it is chosen). */
const FORWARDERS = new Set([
  "lib/errors.ts: new ApiError(status, code, …)",
  "lib/errors.ts: new DomainError(code, …)",
  "lib/http/errors.ts: errorResponse(error.status, error.code, …)",
  "lib/http/errors.ts: errorResponse(status, code, …)",
  "lib/http/errors.ts: errorResponse(STATUS_OF_CODE[error.code], error.code, …)",
]);
/** Which argument holds the code, and its default when the call leaves it out. */
const CODE_ARGUMENT: Record<string, { index: number; default?: string }> = {
  ApiError: { index: 1 },
  DomainError: { index: 0 },
  errorResponse: { index: 1 },
  refuse: { index: 2 },
  fieldError: { index: 2, default: "invalid_request" },
};
/** Message keys that are not codes: "other" frames the server's message for an unknown code. */
const FALLBACK_KEYS = ["other"];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

interface Found {
  codes: Map<string, string[]>;
  unreadable: string[];
}

function collectCodes(files: string[]): Found {
  const codes = new Map<string, string[]>();
  const unreadable: string[] = [];
  const note = (code: string, where: string) => codes.set(code, [...(codes.get(code) ?? []), where]);
  for (const file of files) {
    const relative = path.relative(ROOT, file);
    const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      const callee =
        ts.isNewExpression(node) && ts.isIdentifier(node.expression)
          ? node.expression.text
          : ts.isCallExpression(node) && ts.isIdentifier(node.expression)
            ? node.expression.text
            : null;
      const rule = callee ? CODE_ARGUMENT[callee] : undefined;
      const args = (node as ts.CallExpression | ts.NewExpression).arguments;
      if (rule && args && !(callee === "refuse" && args.length < 4)) {
        const where = `${relative}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
        const argument = args[rule.index];
        if (!argument && rule.default) note(rule.default, where);
        else if (argument && ts.isStringLiteralLike(argument)) note(argument.text, where);
        else {
          const shown = args
            .slice(0, rule.index + 1)
            .map((a) => a.getText())
            .join(", ");
          const key = `${relative}: ${callee === "ApiError" || callee === "DomainError" ? `new ${callee}` : callee}(${shown}, …)`;
          if (!FORWARDERS.has(key)) unreadable.push(`${key} at ${where}`);
        }
      }
      // A status table row: [404, "not_found", …].
      if (ts.isArrayLiteralExpression(node)) {
        const [status, code] = node.elements;
        if (
          status &&
          code &&
          ts.isNumericLiteral(status) &&
          /^[45]\d\d$/.test(status.text) &&
          ts.isStringLiteralLike(code)
        )
          note(code.text, `${relative}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { codes, unreadable };
}

const files = [
  ...sourceFiles(path.join(ROOT, "lib")),
  ...sourceFiles(path.join(ROOT, "app")),
  path.join(ROOT, "proxy.ts"),
];
const found = collectCodes(files);
const messages = { en: en.apiErrors.codes as Record<string, string>, zh: zh.apiErrors.codes as Record<string, string> };

describe("API error codes", () => {
  test("the scan finds the codes the arena, console and error mapper answer", () => {
    for (const code of [
      "battle_expired",
      "already_voted",
      "not_your_battle",
      "battle_skipped",
      "battle_not_found",
      "rate_limited",
      "invalid_request",
      "conflict",
      "database_unavailable",
      "internal_error",
      "method_not_allowed",
      "csrf_failed",
    ])
      expect(found.codes.has(code), code).toBe(true);
  });

  test("every code is a string literal where it is chosen (or a known forwarder passes it on)", () => {
    expect(found.unreadable).toEqual([]);
  });

  test.each(["en", "zh"] as const)("every code the server answers has a message in %s", (lang) => {
    const missing = [...found.codes].filter(([code]) => !(code in messages[lang])).map(([c, at]) => `${c} (${at[0]})`);
    expect(missing).toEqual([]);
  });

  test.each(["en", "zh"] as const)("every domain code in the status table has a message in %s", (lang) => {
    expect(Object.keys(STATUS_OF_CODE).filter((code) => !(code in messages[lang]))).toEqual([]);
  });

  test("the messages hold no code the server never answers", () => {
    for (const lang of ["en", "zh"] as const) {
      const stale = Object.keys(messages[lang]).filter(
        (code) => !found.codes.has(code) && !FALLBACK_KEYS.includes(code),
      );
      expect(stale, lang).toEqual([]);
    }
  });
});
