// npm run db:migrate: applies the pending migrations to the database DATABASE_URL names.
import { migrateDatabase } from "../../lib/db/prepare";
import { runCli } from "../run-cli";

runCli(async () => {
  await migrateDatabase(process.env.DATABASE_URL);
});
