import { randomUUID } from "node:crypto";
import { Prisma } from "../generated/sqlite/client";

/**
 * `("a", "b") VALUES (…), (…)` for an INSERT of `rows`, written in the SQL SQLite and PostgreSQL
 * share: values are bound, and each driver adapter writes dates and booleans the way Prisma's own
 * queries do. Column names are the code's constants, never input.
 */
export function insertRowsSql<Row>(columns: readonly (keyof Row & string)[], rows: readonly Row[]): Prisma.Sql {
  const names = Prisma.raw(columns.map((column) => `"${column}"`).join(", "));
  const values = rows.map((row) => Prisma.sql`(${Prisma.join(columns.map((column) => row[column]))})`);
  return Prisma.sql`(${names}) VALUES ${Prisma.join(values)}`;
}

/**
 * An id for a row inserted without Prisma's defaults: random, and lowercase alphanumeric like the
 * cuids Prisma gives other rows (the shape the id schemas accept).
 */
export function newRowId(): string {
  return randomUUID().replaceAll("-", "");
}
