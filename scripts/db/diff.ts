// npm run db:diff -- <name>: writes the next migration for each engine from the change between
// prisma/migrations/schema.snapshot.prisma (the schema of the newest migration) and
// prisma/schema.prisma, then updates the snapshot. PostgreSQL's dialect needs a reachable server
// (DIFF_POSTGRES_URL); no data is read or written.
import fs from "node:fs";
import path from "node:path";
import { diffSchemas } from "../../lib/db/migrations";
import { ENGINES, SCHEMA_SNAPSHOT, migrationsDir, schemaText } from "../../lib/db/schema-files";
import { runCli } from "../run-cli";

runCli(async () => {
  const name = process.argv[2];
  if (!name || !/^[a-z0-9_]+$/.test(name)) throw new Error("usage: npm run db:diff -- <snake_case_name>");
  const snapshot = fs.existsSync(SCHEMA_SNAPSHOT) ? fs.readFileSync(SCHEMA_SNAPSHOT, "utf8") : "";
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  let changed = false;
  for (const engine of ENGINES) {
    const sql = await diffSchemas(engine, snapshot);
    if (!sql) continue;
    const dir = path.join(migrationsDir(engine), `${stamp}_${name}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "migration.sql"), sql);
    console.log(`${engine}: wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
    changed = true;
  }
  if (changed) fs.writeFileSync(SCHEMA_SNAPSHOT, schemaText("sqlite"));
  else console.log("the migrations already match the schema");
});
