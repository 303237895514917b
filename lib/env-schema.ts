import { z } from "zod";

/**
 * Every environment variable Roster reads (each one is in .env.example, and
 * lib/env-schema.test.ts fails when code reads one that is not here), checked once when
 * the server starts: a bad or half-set value stops the start with the variable's name and
 * what it should be, instead of failing the first request that reads it. An empty value
 * counts as unset, as in .env.example.
 */

type Env = Record<string, string | undefined>;

const blank = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blank, schema.optional());

const text = () => optional(z.string());

function whole(min: number, max: number, what: string) {
  return optional(
    z.string().refine((raw) => /^\d+$/.test(raw.trim()) && Number(raw) >= min && Number(raw) <= max, {
      message: `must be ${what} from ${min} to ${max}`,
    }),
  );
}

const httpUrl = () =>
  optional(
    z.string().refine((raw) => URL.canParse(raw.trim()) && /^https?:$/.test(new URL(raw.trim()).protocol), {
      message: "must be an http(s) URL, such as https://api.example.com",
    }),
  );

function oneOf(values: readonly string[]) {
  return optional(
    z.string().refine((raw) => values.includes(raw.trim().toLowerCase()), { message: `must be one of ${values.join(", ")}` }),
  );
}

const flag = () => oneOf(["1", "0", "true", "false"]);
const PROVIDERS = ["openai", "astronomer", "arthur"];
const LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

const postgresUrl = optional(
  z.string().refine((raw) => URL.canParse(raw.trim()) && /^postgres(ql)?:$/.test(new URL(raw.trim()).protocol), {
    message: "must be a Postgres connection URL, postgres://user:password@host:5432/database",
  }),
);

export const envSchema = z
  .object({
    // Providers
    OPENAI_ADMIN_KEY: text(),
    OPENAI_BASE_URL: httpUrl(),
    ASTRONOMER_API_TOKEN: text(),
    ASTRONOMER_ORGANIZATION_ID: text(),
    ASTRONOMER_BASE_URL: httpUrl(),
    ARTHUR_BASE_URL: httpUrl(),
    ARTHUR_CLIENT_ID: text(),
    ARTHUR_CLIENT_SECRET: text(),
    ARTHUR_ACCESS_TOKEN: text(),
    // Sandboxes
    ROSTER_SANDBOX: optional(
      z
        .string()
        .refine(
          (raw) =>
            ["all", "none"].includes(raw.trim().toLowerCase()) || raw.split(",").every((p) => PROVIDERS.includes(p.trim().toLowerCase())),
          {
            message: `must be "all", "none" or a comma list of ${PROVIDERS.join(", ")}`,
          },
        ),
    ),
    ROSTER_SANDBOX_PORT: whole(1, 65533, "a port number"),
    ROSTER_SANDBOX_TOKENS: text(),
    ROSTER_SANDBOX_ARTHUR_TOKEN_TTL_SECONDS: whole(1, 86_400, "whole seconds"),
    ROSTER_SANDBOX_USERS: whole(4, 50_000, "a whole number"),
    ROSTER_SANDBOX_LATENCY_MS: whole(0, 60_000, "milliseconds"),
    ROSTER_SANDBOX_VARIANCE: text(),
    ROSTER_SANDBOX_ASTRONOMER_VERSION: oneOf(["v1", "v1alpha1"]),
    ROSTER_SANDBOX_ASTRONOMER_VARIANCE: text(),
    // Roster
    PORT: whole(1, 65535, "a port number"),
    DATABASE_URL: postgresUrl,
    ROSTER_DB_POOL: whole(1, 1000, "a number of connections"),
    ROSTER_DATA_DIR: text(),
    NEXTAUTH_SECRET: text(),
    AUTH_SECRET: text(),
    NEXTAUTH_URL: httpUrl(),
    ROSTER_AUDIT_KEY: text(),
    ROSTER_ADMIN_EMAIL: optional(z.email({ message: "must be an email address" })),
    ROSTER_ADMIN_PASSWORD: text(),
    ROSTER_DEMO: flag(),
    ROSTER_DEMO_HOST: text(),
    ROSTER_SKIP_BUILD: flag(),
    ROSTER_SYNC_FRESH_SECONDS: whole(0, 86_400 * 30, "whole seconds"),
    ROSTER_SYNC_GRACE_MS: whole(0, 600_000, "milliseconds"),
    ROSTER_SYNC_WAIT_MS: whole(0, 600_000, "milliseconds"),
    ROSTER_PAGE_CONCURRENCY: whole(1, 64, "a whole number"),
    ROSTER_PROVIDER_TIMEOUT_MS: whole(100, 300_000, "milliseconds"),
    ROSTER_DIRECT_INVITES: oneOf(["off", "admins"]),
    ROSTER_INVITE_REQUEST_DAYS: whole(1, 365, "whole days"),
    ROSTER_MASS_CHANGE_THRESHOLD: whole(1, 10_000_000, "a whole number"),
    ROSTER_MASS_CHANGE_WINDOW_MINUTES: optional(
      z.string().refine((raw) => /^\d+(\.\d+)?$/.test(raw.trim()) && Number(raw) > 0 && Number(raw) <= 43_200, {
        message: "must be minutes above 0 and at most 43200 (decimals allowed, e.g. 0.5)",
      }),
    ),
    ROSTER_LOG_LEVEL: oneOf(LEVELS),
    ROSTER_LOG_FILE: text(),
    ROSTER_LOG_FILE_LEVEL: oneOf(LEVELS),
    ROSTER_LOG_FORMAT: oneOf(["json"]),
    ROSTER_SHUTDOWN_GRACE_MS: whole(0, 600_000, "milliseconds"),
    NEXT_MANUAL_SIG_HANDLE: flag(),
    ROSTER_METRICS_TOKEN: optional(
      z.string().refine((raw) => raw.trim().length >= 16, { message: "must be at least 16 characters (a long random string)" }),
    ),
    // Sign-in
    ROSTER_SIGNIN_MAX_PER_ADDRESS: whole(1, 100_000, "a whole number"),
    ROSTER_TRUST_PROXY: optional(
      z.string().refine((raw) => ["true", "false"].includes(raw.trim()) || (/^\d+$/.test(raw.trim()) && Number(raw) <= 10), {
        message: "must be the number of proxies in front of Roster (0 to 10)",
      }),
    ),
    // Request limits
    ROSTER_API_RATE_PER_MINUTE: whole(0, 10_000_000, "a whole number"),
    ROSTER_API_RATE_BURST: whole(0, 10_000_000, "a whole number"),
    ROSTER_SYNC_MIN_INTERVAL_MS: whole(0, 3_600_000, "milliseconds"),
    // Per-request work kept for a moment (lib/operators/cache.ts, lib/directory/recheck.ts)
    ROSTER_AUTH_CACHE_MS: whole(0, 60_000, "milliseconds"),
    ROSTER_DIRECTORY_RECHECK_MS: whole(0, 3_600_000, "milliseconds"),
    // Jobs (lib/jobs)
    ROSTER_SYNC_INTERVAL_SECONDS: whole(10, 86_400 * 7, "whole seconds"),
    ROSTER_OUTSIDE_INTERVAL_SECONDS: whole(10, 86_400 * 7, "whole seconds"),
    ROSTER_USAGE_INTERVAL_SECONDS: whole(10, 86_400 * 7, "whole seconds"),
    ROSTER_JOB_LEASE_SECONDS: whole(1, 3_600, "whole seconds"),
    // Notifications (lib/notify)
    ROSTER_NOTIFY_WEBHOOK_URL: httpUrl(),
    ROSTER_SMTP_URL: optional(
      z
        .string()
        .refine(
          (raw) => URL.canParse(raw.trim()) && /^smtps?:$/.test(new URL(raw.trim()).protocol) && new URL(raw.trim()).hostname !== "",
          {
            message: "must be an SMTP URL, smtp://user:password@host:587 or smtps://user:password@host:465",
          },
        ),
    ),
    ROSTER_NOTIFY_FROM: optional(
      z.string().refine((raw) => /^[^<>]*<[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>$|^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(raw.trim()), {
        message: "must be an email address, or a name and address: Roster <roster@example.com>",
      }),
    ),
    // Single sign-on
    AUTH_OIDC_ISSUER: httpUrl(),
    AUTH_OIDC_CLIENT_ID: text(),
    AUTH_OIDC_CLIENT_SECRET: text(),
    AUTH_OIDC_NAME: text(),
    AUTH_OIDC_SCOPE: text(),
    AUTH_OIDC_ROLE_CLAIM: text(),
    AUTH_OIDC_ROLE_MAP: text(),
    AUTH_OIDC_EMAIL_ROLES: text(),
    AUTH_OIDC_DEFAULT_ROLE: oneOf(["owner", "admin", "requester", "viewer"]),
    AUTH_OIDC_ALLOWED_DOMAINS: text(),
    // Tooling (scripts/audit-deps.mjs)
    AUDIT_DEPS_STRICT: flag(),
  })
  .superRefine((env, ctx) => {
    const together = (names: Array<keyof typeof env>, what: string) => {
      const set = names.filter((name) => env[name]);
      if (set.length && set.length < names.length) {
        for (const name of names.filter((n) => !env[n])) {
          ctx.addIssue({
            code: "custom",
            path: [name],
            message: `must be set too: ${set.join(", ")} ${set.length > 1 ? "are" : "is"} set (${what}; set all or none)`,
          });
        }
      }
    };
    together(["ARTHUR_CLIENT_ID", "ARTHUR_CLIENT_SECRET"], "Arthur client credentials");
    together(["ASTRONOMER_API_TOKEN", "ASTRONOMER_ORGANIZATION_ID"], "Astronomer's token and organization");
    together(["AUTH_OIDC_ISSUER", "AUTH_OIDC_CLIENT_ID", "AUTH_OIDC_CLIENT_SECRET"], "single sign-on");
    together(["ROSTER_ADMIN_EMAIL", "ROSTER_ADMIN_PASSWORD"], "the first owner");
    if (env.ROSTER_SMTP_URL && !env.ROSTER_NOTIFY_FROM) {
      ctx.addIssue({
        code: "custom",
        path: ["ROSTER_NOTIFY_FROM"],
        message: "must be set too: ROSTER_SMTP_URL is set (the address notification emails come from)",
      });
    }
  });

export type RosterEnv = z.infer<typeof envSchema>;

/** Every variable the schema knows (what .env.example documents). */
export const ENV_NAMES = Object.keys(envSchema.shape) as Array<keyof RosterEnv>;

/** One line per problem, each naming its variable: `ARTHUR_CLIENT_SECRET must be set too: …`. Empty when all is well. */
export function envProblems(env: Env): string[] {
  const result = envSchema.safeParse(env);
  if (result.success) return [];
  return result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? "environment");
    const raw = env[name];
    // Never repeat a value that may be a secret: only short, non-secret-looking ones are quoted.
    const got = raw && !/SECRET|TOKEN|KEY|PASSWORD|DATABASE_URL|SMTP_URL|WEBHOOK_URL/.test(name) ? ` (got "${raw.slice(0, 80)}")` : "";
    return `${name} ${issue.message}${got}`;
  });
}
