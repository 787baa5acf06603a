import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, test } from "vitest";

/*
 * The layering of lib/ (README, "Architecture"), read from the imports themselves: HTTP layer →
 * domain folders → bottom, with neutral lib/*.ts modules any layer may use. eslint.config.mjs
 * stops a wrong import as it is typed; this test also catches what per-file lint rules cannot
 * see, a cycle between folders that goes through several files.
 */

const LIB = path.resolve(import.meta.dirname, "../../lib");
const LAYERS = {
  http: ["http"],
  domain: ["arena", "leaderboard", "export", "import", "admin", "auth", "catalog", "integrity", "demo"],
  bottom: ["ratings", "media", "storage", "db", "generated"],
} as const;
type Layer = keyof typeof LAYERS | "neutral";
/** Which layers each layer may import. */
const MAY_IMPORT: Record<Layer, readonly Layer[]> = {
  http: ["http", "domain", "bottom", "neutral"],
  domain: ["domain", "bottom", "neutral"],
  bottom: ["bottom", "neutral"],
  neutral: ["bottom", "neutral"],
};

/** One import between two nodes: a lib/ folder, or a neutral lib/*.ts file (its name with .ts). */
interface Edge {
  from: string;
  to: string;
  file: string;
  specifier: string;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** The node a path inside lib/ belongs to: its top folder, or the file itself at the top. */
function nodeOf(absolute: string): string {
  const [first = "", ...rest] = path.relative(LIB, absolute).split(path.sep);
  return rest.length > 0 ? first : first.replace(/\.tsx?$/, "") + ".ts";
}

function layerOf(node: string): Layer | undefined {
  if (node.endsWith(".ts")) return "neutral";
  return (Object.keys(LAYERS) as (keyof typeof LAYERS)[]).find((layer) =>
    (LAYERS[layer] as readonly string[]).includes(node),
  );
}

/** Every import of lib/ (static, dynamic, re-exports, type-only) that leaves its node. */
function readEdges(): { edges: Edge[]; nextImports: Edge[] } {
  const edges: Edge[] = [];
  const nextImports: Edge[] = [];
  for (const file of sourceFiles(LIB)) {
    const from = nodeOf(file);
    const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, "utf8"), true, true);
    for (const { fileName: specifier } of importedFiles) {
      const edge = { from, file: path.relative(LIB, file), specifier };
      if (specifier === "next" || specifier.startsWith("next/")) nextImports.push({ ...edge, to: "next" });
      const target = specifier.startsWith("@/lib/")
        ? path.join(LIB, specifier.slice("@/lib/".length))
        : specifier.startsWith(".")
          ? path.resolve(path.dirname(file), specifier)
          : undefined;
      if (!target?.startsWith(LIB + path.sep)) continue;
      // "../db" and "../ratings" name a folder's index.ts.
      const to = fs.existsSync(target) && fs.statSync(target).isDirectory() ? path.basename(target) : nodeOf(target);
      if (to !== from) edges.push({ ...edge, to });
    }
  }
  return { edges, nextImports };
}

/** Strongly connected components with more than one node (Tarjan): each is a cycle of imports. */
function findCycles(edges: readonly { from: string; to: string }[]): string[][] {
  const next = new Map<string, Set<string>>();
  for (const { from, to } of edges) next.set(from, (next.get(from) ?? new Set()).add(to));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    for (const to of next.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (stack.includes(to)) low.set(node, Math.min(low.get(node)!, index.get(to)!));
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop()!;
        component.push(member);
      } while (member !== node);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const node of next.keys()) if (!index.has(node)) visit(node);
  return cycles;
}

const describeEdge = (edge: Edge) => `lib/${edge.file} imports "${edge.specifier}" (${edge.from} → ${edge.to})`;

describe("lib/ layering", () => {
  const { edges, nextImports } = readEdges();

  test("reads the imports (the checks below have something to check)", () => {
    expect(edges.some((edge) => edge.from === "http" && edge.to === "arena")).toBe(true);
    expect(edges.some((edge) => edge.from === "leaderboard" && edge.to === "ratings")).toBe(true);
  });

  test("every folder of lib/ is placed in a layer", () => {
    const folders = fs
      .readdirSync(LIB, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    expect(folders.filter((folder) => layerOf(folder) === undefined)).toEqual([]);
  });

  test("imports flow down: http → domain → bottom, neutral modules only reach the bottom", () => {
    const upward = edges.filter((edge) => !MAY_IMPORT[layerOf(edge.from)!].includes(layerOf(edge.to)!));
    expect(upward.map(describeEdge)).toEqual([]);
  });

  test("nothing below the HTTP layer imports Next.js", () => {
    expect(nextImports.filter((edge) => edge.from !== "http").map(describeEdge)).toEqual([]);
  });

  test("no two folders (or neutral modules) import each other, directly or round a longer loop", () => {
    const cycles = findCycles(edges).map((cycle) => {
      const inCycle = edges.filter((edge) => cycle.includes(edge.from) && cycle.includes(edge.to));
      return `${cycle.join(" ⇄ ")}: ${inCycle.map(describeEdge).join("; ")}`;
    });
    expect(cycles).toEqual([]);
  });
});

describe("process-wide state", () => {
  test("lives only in the composition root (lib/http/app-context.ts): no other module touches globalThis", () => {
    const holders = [...sourceFiles(LIB), ...sourceFiles(path.join(LIB, "..", "app"))]
      .filter((file) => /\bglobalThis\b|\bprocessShared\(/.test(fs.readFileSync(file, "utf8")))
      .map((file) => path.relative(path.join(LIB, ".."), file).split(path.sep).join("/"));
    expect(holders).toEqual(["lib/http/app-context.ts"]);
  });
});

describe("HTTP statuses", () => {
  test("are chosen in the HTTP layer only: domain and bottom folders throw DomainError codes, never an ApiError", () => {
    const below = (Object.keys(LAYERS) as (keyof typeof LAYERS)[])
      .filter((layer) => layer !== "http")
      .flatMap((layer) => LAYERS[layer].filter((folder) => folder !== "generated"))
      .flatMap((folder) => sourceFiles(path.join(LIB, folder)))
      // and lib's own files (rate-limit.ts, clip-visibility.ts, …), used by domain and HTTP code alike
      .concat(
        fs
          .readdirSync(LIB)
          .filter((name) => name.endsWith(".ts"))
          .map((name) => path.join(LIB, name)),
      );
    const choosers = below
      .filter((file) => /\bnew ApiError\(/.test(fs.readFileSync(file, "utf8")))
      .map((file) => path.relative(LIB, file).split(path.sep).join("/"));
    expect(below.length).toBeGreaterThan(0);
    expect(choosers).toEqual([]);
  });
});

describe("findCycles", () => {
  test("finds a loop of three and a mutual pair, and nothing in a chain", () => {
    const loop = [
      { from: "a", to: "b" },
      { from: "b", to: "c" },
      { from: "c", to: "a" },
      { from: "d", to: "e" },
      { from: "e", to: "d" },
      { from: "c", to: "f" },
    ];
    expect(findCycles(loop).sort()).toEqual([
      ["a", "b", "c"],
      ["d", "e"],
    ]);
    expect(findCycles(loop.filter((edge) => edge.from !== "c" && edge.from !== "e"))).toEqual([]);
  });
});
