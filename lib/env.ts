import { z } from "zod";
import { parseCidrList } from "./cidr";
import { ConfigError, parseDatabaseUrl } from "./db/url";

const envFields = z.object({
  DATABASE_URL: z.string().optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** The public origin (https://arena.example.org), for absolute links in share cards. */
  PUBLIC_URL: z.url().optional(),
  /** Signs the anonymous voter cookie and operator sessions; serve.ts creates one if unset. */
  SESSION_SECRET: z.string().min(32, "SESSION_SECRET must be at least 32 characters").optional(),
  /** Shared rate-limit store for several app instances; in-memory when unset. */
  REDIS_URL: z.url().optional(),
  /** Requests per minute one voter session may make to each arena endpoint. */
  RATE_LIMIT_VOTER_PER_MINUTE: z.coerce.number().int().positive().default(60),
  /** Requests per minute one client address may make to each arena endpoint (many voters can share one). */
  RATE_LIMIT_ADDRESS_PER_MINUTE: z.coerce.number().int().positive().default(600),
  /** Recompute the leaderboard after this many new counted votes… */
  RECOMPUTE_AFTER_VOTES: z.coerce.number().int().positive().default(100),
  /** …or this many seconds after the last snapshot when any vote arrived since. */
  RECOMPUTE_AFTER_SECONDS: z.coerce.number().int().positive().default(300),
  /** How often each instance checks whether a recompute is due, in seconds. */
  RECOMPUTE_CHECK_SECONDS: z.coerce.number().positive().default(10),
  /** Bootstrap rounds for Bradley-Terry and Elo intervals in the published leaderboard. */
  BT_BOOTSTRAP_ROUNDS: z.coerce.number().int().min(0).max(100_000).default(1000),
  ELO_BOOTSTRAP_ROUNDS: z.coerce.number().int().min(0).max(10_000).default(100),
  /** Vote exports per minute per client address. */
  RATE_LIMIT_EXPORTS_PER_MINUTE: z.coerce.number().int().positive().default(30),
  /**
   * Leaderboard views fitted on request (date ranges, exclusions) per minute per client address
   * that need a new fit (those already fitted for the current snapshot are served without counting).
   */
  RATE_LIMIT_RANGE_FITS_PER_MINUTE: z.coerce.number().int().positive().default(12),
  /**
   * The recognition survey (measured blindness): after 1 in this many blind votes the voter is
   * asked, before the reveal, whether they recognised a model. 1 asks every time; 0 never asks.
   */
  RECOGNITION_SURVEY_EVERY: z.coerce.number().int().min(0).max(1_000_000).default(10),
  /**
   * Known-answer (check) battles: 1 in this many blind battles pairs a clip with its own degraded
   * twin (lib/arena/check-battles.ts). 1 makes every battle with a twin a check; 0 never serves one.
   */
  CHECK_BATTLE_EVERY: z.coerce.number().int().min(0).max(1_000_000).default(25),
  /**
   * A voter session whose check accuracy's 95% Wilson upper bound is below this, after at least
   * CHECK_FLAG_MIN_CHECKS checks, has its votes flagged `failed_checks` (lib/integrity/check-scoring.ts).
   */
  CHECK_FLAG_THRESHOLD: z.coerce.number().gt(0).max(1).default(0.7),
  CHECK_FLAG_MIN_CHECKS: z.coerce.number().int().min(1).max(10_000).default(5),
  /** Votes per minute from one client address above which its votes are flagged as a burst. */
  INTEGRITY_BURST_VOTES_PER_MINUTE: z.coerce.number().int().positive().default(60),
  /** Exports of more votes than this need a researcher's API key; 0 never asks for one. */
  EXPORT_KEY_REQUIRED_ABOVE_ROWS: z.coerce.number().int().min(0).default(0),
  /** Root folder of locally stored media (clips, start images, dataset releases). */
  MEDIA_DIR: z.string().min(1).default("./data/media"),
  /** Folder that relative file paths in manifests uploaded on /admin/import are inside of. */
  IMPORT_DIR: z.string().min(1).default("./data/import"),
  /** Where clips and start images are kept: local disk (MEDIA_DIR) or an S3-compatible bucket. */
  STORAGE_DRIVER: z.enum(["local", "s3"]).default("local"),
  S3_ENDPOINT: z.url().optional(),
  S3_BUCKET: z.string().min(1).optional(),
  S3_REGION: z.string().min(1).default("us-east-1"),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** Largest clip or start image an operator may upload, in megabytes. */
  MAX_UPLOAD_MB: z.coerce.number().positive().max(2048).default(200),
  /**
   * Reverse proxies whose X-Forwarded-For entries are believed: comma-separated CIDR blocks or
   * addresses, IPv4 and IPv6. Empty: the client is the socket's peer.
   */
  TRUSTED_PROXIES: z
    .string()
    .default("")
    .superRefine((text, ctx) => {
      try {
        parseCidrList(text);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message });
      }
    }),
  /** Sign-in attempts per 15 minutes per client address and per account. */
  SIGN_IN_ATTEMPTS_PER_15_MINUTES: z.coerce.number().int().positive().default(10),
  /** GitHub OAuth app credentials; both set switches GitHub sign-in on. */
  GITHUB_ID: z.string().min(1).optional(),
  GITHUB_SECRET: z.string().min(1).optional(),
  /**
   * Worker threads for heavy work (leaderboard recompute, date-range fits, export encoding), so
   * the request thread only answers requests. One suits a two-core machine.
   */
  WORKER_THREADS: z.coerce.number().int().min(1).max(16).default(1),
  /** Set to "production" by `npm start`: heavy work then runs the worker bundled at build time. */
  NODE_ENV: z.string().optional(),
});

const envSchema = envFields
  .refine((env) => Boolean(env.GITHUB_ID) === Boolean(env.GITHUB_SECRET), {
    path: ["GITHUB_SECRET"],
    message: "set both GITHUB_ID and GITHUB_SECRET, or neither",
  })
  .refine(
    (env) =>
      env.STORAGE_DRIVER !== "s3" ||
      Boolean(env.S3_ENDPOINT && env.S3_BUCKET && env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY),
    { path: ["STORAGE_DRIVER"], message: "s3 needs S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY" },
  );

export type Env = z.infer<typeof envSchema>;

/**
 * The validated environment read from `source`. Nothing else reads process.env; a bad value throws
 * a ConfigError whose message is one line naming the variable. Servers read it once per process
 * through getEnv (lib/http/app-context.ts); a command-line script parses it once itself.
 */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ConfigError(`${issue?.path.join(".") ?? "environment"}: ${issue?.message ?? "invalid"}`);
  }
  parseDatabaseUrl(result.data.DATABASE_URL); // fail at start-up, not on the first query
  return result.data;
}
