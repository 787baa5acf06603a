// npm run apikey:create -- <email>: issues an export API key to a researcher and prints it once.
import { z } from "zod";
import { createDb } from "../lib/db/client";
import { parseEnv } from "../lib/env";
import { issueApiKey } from "../lib/export/api-keys";
import { runCli } from "./run-cli";

runCli(
  async () => {
    const email = z.email().safeParse(process.argv[2]);
    if (!email.success) throw new Error("usage: npm run apikey:create -- <email>");
    const db = createDb(parseEnv().DATABASE_URL);
    try {
      const key = await issueApiKey(db, email.data.toLowerCase());
      console.log(`API key for ${email.data} (shown once; only its hash is stored):\n${key}`);
    } finally {
      await db.$disconnect();
    }
  },
  { migratedDatabase: true },
);
