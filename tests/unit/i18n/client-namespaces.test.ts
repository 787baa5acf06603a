import fs from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";

const ROOT = path.join(__dirname, "..", "..", "..");

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return files(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/**
 * The root layout sends only CLIENT_NAMESPACES to the browser: every namespace a client component
 * asks for must be among them, or it would show message keys instead of text.
 */
test("every message namespace a client component uses is sent to the browser by the root layout", () => {
  const layout = fs.readFileSync(path.join(ROOT, "app", "layout.tsx"), "utf8");
  const listed = /const CLIENT_NAMESPACES = \[([^\]]*)\]/.exec(layout)?.[1] ?? "";
  const sent = new Set([...listed.matchAll(/"([^"]+)"/g)].map((m) => m[1]));
  expect(sent.size).toBeGreaterThan(0);
  const missing: string[] = [];
  for (const file of [...files(path.join(ROOT, "components")), ...files(path.join(ROOT, "app"))]) {
    const source = fs.readFileSync(file, "utf8");
    if (!/^["']use client["']/m.test(source)) continue;
    for (const call of source.matchAll(/useTranslations\(\s*(?:"([^"]*)")?\s*\)/g)) {
      const namespace = call[1];
      // A root translator names the namespace in each key: t("site.name").
      const used = namespace
        ? [namespace.split(".")[0]!]
        : [...source.matchAll(/\bt\(\s*"([a-zA-Z]+)\./g)].map((m) => m[1]!);
      for (const name of used) if (!sent.has(name)) missing.push(`${path.relative(ROOT, file)}: ${name}`);
    }
  }
  expect(missing).toEqual([]);
});
