// Generates the Prisma client for both engines from the one source schema, so the app can pick
// its engine from DATABASE_URL at start-up without regenerating anything.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ENGINES, schemaPath, schemaText } from "../../lib/db/schema-files";

for (const engine of ENGINES) {
  const file = schemaPath(engine);
  if (engine !== "sqlite") {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(
      file,
      `// Generated from prisma/schema.prisma by npm run db:generate. Do not edit.\n${schemaText(engine)}`,
    );
  }
  execFileSync(path.join("node_modules", ".bin", "prisma"), ["generate", "--schema", file], {
    stdio: ["ignore", "ignore", "pipe"],
    // Generation needs no schema engine, but the CLI insists one exists; see README "Migrations".
    env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false", PRISMA_HIDE_UPDATE_MESSAGE: "1" },
  });
  console.log(`generated the ${engine} client`);
}
