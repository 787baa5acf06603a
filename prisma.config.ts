import { defineConfig } from "prisma/config";

// Only `prisma generate` is run through the CLI (see scripts/db/); migrations go through
// lib/db/migrations.ts because the CLI cannot download its schema engine offline.
export default defineConfig({
  schema: "prisma/schema.prisma",
});
