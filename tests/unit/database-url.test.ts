import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { SCHEMA_SNAPSHOT, schemaText } from "@/lib/db/schema-files";
import { ConfigError, parseDatabaseUrl } from "@/lib/db/url";
import { parseEnv } from "@/lib/env";

describe("DATABASE_URL", () => {
  test("defaults to the embedded SQLite file", () => {
    expect(parseDatabaseUrl(undefined)).toMatchObject({ engine: "sqlite", file: path.resolve("data/clip-arena.db") });
  });

  test("selects PostgreSQL for postgres:// and postgresql:// URLs", () => {
    expect(parseDatabaseUrl("postgres://u@db:5432/arena").engine).toBe("postgresql");
    expect(parseDatabaseUrl("postgresql://u@db/arena").engine).toBe("postgresql");
  });

  test.each(["mysql://localhost/x", "postgres://", "postgres://host-only", "file:", "nonsense"])(
    "rejects %s with a one-line ConfigError",
    (url) => {
      expect(() => parseDatabaseUrl(url)).toThrow(ConfigError);
      try {
        parseDatabaseUrl(url);
      } catch (error) {
        expect((error as Error).message).not.toContain("\n");
      }
    },
  );

  test("the environment check names the bad variable", () => {
    expect(() => parseEnv({ PORT: "seventy" })).toThrow(/^PORT: /);
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrow(ConfigError);
    expect(parseEnv({}).PORT).toBe(3000);
  });
});

describe("migrations", () => {
  test("the newest migrations were made from the current schema (run npm run db:diff after a schema change)", () => {
    expect(fs.readFileSync(SCHEMA_SNAPSHOT, "utf8")).toBe(schemaText("sqlite"));
  });
});
