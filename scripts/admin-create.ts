// npm run admin:create -- <email> [--role admin|researcher]: creates an operator account, or sets
// a new password for an existing one. The password is asked for on a terminal, or read from stdin
// (`echo "$PASSWORD" | npm run admin:create -- ops@example.org`); there is no default password.
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { z } from "zod";
import { MIN_PASSWORD_LENGTH, saveOperator } from "../lib/auth/operators";
import { createDb } from "../lib/db/client";
import { parseEnv } from "../lib/env";
import { runCli } from "./run-cli";

const USAGE = "usage: npm run admin:create -- <email> [--role admin|researcher]";

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    let text = "";
    for await (const chunk of process.stdin) text += String(chunk);
    return text.split(/\r?\n/)[0] ?? "";
  }
  const prompt = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  // Hide what is typed: readline echoes through _writeToOutput, which is silenced after the question.
  const output = prompt as unknown as { _writeToOutput: (s: string) => void };
  try {
    const ask = async (question: string) => {
      process.stdout.write(question);
      output._writeToOutput = () => {};
      const answer = await prompt.question("");
      output._writeToOutput = (s: string) => process.stdout.write(s);
      process.stdout.write("\n");
      return answer;
    };
    const password = await ask(`Password (at least ${MIN_PASSWORD_LENGTH} characters): `);
    if ((await ask("Repeat it: ")) !== password) throw new Error("usage: the two passwords differ");
    return password;
  } finally {
    prompt.close();
  }
}

runCli(
  async () => {
    const { positionals, values } = parseArgs({
      allowPositionals: true,
      options: { role: { type: "string", default: "admin" } },
    });
    const email = z.email().safeParse(positionals[0]);
    const role = z.enum(["admin", "researcher"]).safeParse(values.role);
    if (!email.success || !role.success || positionals.length !== 1) throw new Error(USAGE);
    const password = await readPassword();
    const db = createDb(parseEnv().DATABASE_URL);
    try {
      const { created } = await saveOperator(db, email.data, password, role.data);
      console.log(`${created ? "created" : "updated"} ${role.data} ${email.data.toLowerCase()}`);
    } finally {
      await db.$disconnect();
    }
  },
  { migratedDatabase: true },
);
