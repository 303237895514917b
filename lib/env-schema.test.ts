import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ENV_NAMES, envProblems } from "./env-schema";

const ROOT = path.resolve(__dirname, "..");

/** Set by Node or Next themselves, never by an operator: not configuration. */
const PLATFORM = new Set(["NODE_ENV", "NEXT_RUNTIME"]);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    // lib/testing holds test support (a test-only provider with variables of its own), never run by a server.
    if (entry.isDirectory()) return entry.name === "node_modules" || full === path.join(ROOT, "lib", "testing") ? [] : sourceFiles(full);
    return /\.(ts|tsx|mjs|js)$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) ? [full] : [];
  });
}

/** Every variable the code reads: `process.env.X`, `env.X` and `env["X"]` in lib/ (test support aside), app/, scripts/ and the root files. */
function variablesRead(): Map<string, string> {
  const files = [
    ...["lib", "app", "scripts"].flatMap((d) => sourceFiles(path.join(ROOT, d))),
    ...["instrumentation.ts", "proxy.ts", "next.config.js"].map((f) => path.join(ROOT, f)),
  ];
  const found = new Map<string, string>();
  for (const file of files) {
    const source = fs.readFileSync(file, "utf8");
    for (const m of source.matchAll(/\benv(?:\.([A-Z][A-Z0-9_]+)|\[["']([A-Z][A-Z0-9_]+)["']\])/g)) {
      found.set(m[1] ?? m[2], path.relative(ROOT, file));
    }
  }
  return found;
}

const documented = () =>
  new Set([...fs.readFileSync(path.join(ROOT, ".env.example"), "utf8").matchAll(/^([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));

describe("the configuration schema", () => {
  it("covers every variable the code reads, and .env.example documents each one", () => {
    const read = variablesRead();
    expect(read.size).toBeGreaterThan(40);
    const schema = new Set<string>(ENV_NAMES);
    const example = documented();
    const missing = [...read].filter(([name]) => !PLATFORM.has(name)).filter(([name]) => !schema.has(name) || !example.has(name));
    expect(
      missing.map(
        ([name, file]) =>
          `${name} (read in ${file})${schema.has(name) ? "" : " not in lib/env-schema.ts"}${example.has(name) ? "" : " not in .env.example"}`,
      ),
    ).toEqual([]);
  });

  it("has exactly the variables .env.example documents", () => {
    expect([...ENV_NAMES].sort()).toEqual([...documented()].sort());
  });

  it("accepts .env.example as it stands, and an empty environment", () => {
    const example = Object.fromEntries(
      [...fs.readFileSync(path.join(ROOT, ".env.example"), "utf8").matchAll(/^([A-Z][A-Z0-9_]+)=(.*)$/gm)].map((m) => [m[1], m[2]]),
    );
    expect(envProblems(example)).toEqual([]);
    expect(envProblems({})).toEqual([]);
  });

  /** A bad value for every variable that has a shape, and what the refusal must say. */
  const BAD: Record<string, [string, string]> = {
    OPENAI_BASE_URL: ["api.openai.com", "must be an http(s) URL"],
    ASTRONOMER_BASE_URL: ["ftp://x", "must be an http(s) URL"],
    ARTHUR_BASE_URL: ["platform", "must be an http(s) URL"],
    ROSTER_SANDBOX: ["openai,github", 'must be "all", "none" or a comma list of openai, astronomer, arthur'],
    ROSTER_SANDBOX_PORT: ["70000", "must be a port number from 1 to 65533"],
    ROSTER_SANDBOX_ARTHUR_TOKEN_TTL_SECONDS: ["0", "must be whole seconds from 1 to 86400"],
    ROSTER_SANDBOX_USERS: ["lots", "must be a whole number from 4 to 50000"],
    ROSTER_SANDBOX_LATENCY_MS: ["-5", "must be milliseconds from 0 to 60000"],
    ROSTER_SANDBOX_ASTRONOMER_VERSION: ["v2", "must be one of v1, v1alpha1"],
    PORT: ["http", "must be a port number from 1 to 65535"],
    DATABASE_URL: ["mysql://db/roster", "must be a Postgres connection URL"],
    ROSTER_DB_POOL: ["0", "must be a number of connections from 1 to 1000"],
    NEXTAUTH_URL: ["roster.example.com", "must be an http(s) URL"],
    ROSTER_ADMIN_EMAIL: ["not-an-email", "must be an email address"],
    ROSTER_DEMO: ["yes", "must be one of 1, 0, true, false"],
    ROSTER_SKIP_BUILD: ["sure", "must be one of 1, 0, true, false"],
    ROSTER_SYNC_FRESH_SECONDS: ["5m", "must be whole seconds"],
    ROSTER_SYNC_GRACE_MS: ["1.5", "must be milliseconds"],
    ROSTER_SYNC_WAIT_MS: ["soon", "must be milliseconds"],
    ROSTER_PAGE_CONCURRENCY: ["65", "must be a whole number from 1 to 64"],
    ROSTER_PROVIDER_TIMEOUT_MS: ["50", "must be milliseconds from 100 to 300000"],
    ROSTER_DIRECT_INVITES: ["everyone", "must be one of off, admins"],
    ROSTER_INVITE_REQUEST_DAYS: ["366", "must be whole days from 1 to 365"],
    ROSTER_MASS_CHANGE_THRESHOLD: ["0", "must be a whole number from 1 to 10000000"],
    ROSTER_MASS_CHANGE_WINDOW_MINUTES: ["an hour", "must be minutes above 0"],
    ROSTER_LOG_LEVEL: ["loud", "must be one of fatal, error, warn, info, debug, trace, silent"],
    ROSTER_LOG_FILE_LEVEL: ["verbose", "must be one of fatal"],
    ROSTER_LOG_FORMAT: ["xml", "must be one of json"],
    ROSTER_SHUTDOWN_GRACE_MS: ["600001", "must be milliseconds from 0 to 600000"],
    NEXT_MANUAL_SIG_HANDLE: ["maybe", "must be one of 1, 0, true, false"],
    ROSTER_METRICS_TOKEN: ["short", "must be at least 16 characters"],
    ROSTER_SIGNIN_MAX_PER_ADDRESS: ["0", "must be a whole number from 1 to 100000"],
    ROSTER_TRUST_PROXY: ["11", "must be the number of proxies in front of Roster (0 to 10)"],
    ROSTER_API_RATE_PER_MINUTE: ["fast", "must be a whole number"],
    ROSTER_API_RATE_BURST: ["-1", "must be a whole number"],
    ROSTER_SYNC_MIN_INTERVAL_MS: ["1e3", "must be milliseconds"],
    ROSTER_AUTH_CACHE_MS: ["61000", "must be milliseconds"],
    ROSTER_DIRECTORY_RECHECK_MS: ["soon", "must be milliseconds"],
    ROSTER_SYNC_INTERVAL_SECONDS: ["5", "must be whole seconds from 10"],
    ROSTER_OUTSIDE_INTERVAL_SECONDS: ["0", "must be whole seconds from 10"],
    ROSTER_USAGE_INTERVAL_SECONDS: ["9", "must be whole seconds from 10"],
    ROSTER_JOB_LEASE_SECONDS: ["0", "must be whole seconds from 1"],
    ROSTER_NOTIFY_WEBHOOK_URL: ["hooks.slack.com/services/x", "must be an http(s) URL"],
    ROSTER_SMTP_URL: ["mail.example.com:587", "must be an SMTP URL"],
    ROSTER_NOTIFY_FROM: ["roster at example", "must be an email address, or a name and address"],
    AUTH_OIDC_ISSUER: ["accounts.example.com", "must be an http(s) URL"],
    AUTH_OIDC_DEFAULT_ROLE: ["root", "must be one of owner, admin, requester, viewer"],
    AUDIT_DEPS_STRICT: ["please", "must be one of 1, 0, true, false"],
  };

  it.each(Object.entries(BAD))("refuses a bad %s, naming it and what it should be", (name, [value, says]) => {
    // (Partners of a pair, such as ROSTER_ADMIN_PASSWORD, are named as missing too.)
    const problems = envProblems({ [name]: value }).filter((p) => p.startsWith(`${name} `));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`${name} ${says}`);
  });

  it("every other variable is free text: any value is taken", () => {
    const free = ENV_NAMES.filter((name) => !(name in BAD));
    for (const name of free) {
      // The pairs below must be set together; set each with its partners.
      const partners = PAIRS.find((pair) => pair.includes(name)) ?? [name];
      expect(envProblems(Object.fromEntries(partners.map((n) => [n, GOOD[n] ?? "some value"]))), name).toEqual([]);
    }
  });

  const GOOD: Record<string, string> = { ROSTER_ADMIN_EMAIL: "owner@example.com", AUTH_OIDC_ISSUER: "https://id.example.com" };

  const PAIRS = [
    ["ARTHUR_CLIENT_ID", "ARTHUR_CLIENT_SECRET"],
    ["ASTRONOMER_API_TOKEN", "ASTRONOMER_ORGANIZATION_ID"],
    ["AUTH_OIDC_ISSUER", "AUTH_OIDC_CLIENT_ID", "AUTH_OIDC_CLIENT_SECRET"],
    ["ROSTER_ADMIN_EMAIL", "ROSTER_ADMIN_PASSWORD"],
  ];

  it("refuses SMTP without a sender, naming ROSTER_NOTIFY_FROM; takes it with one", () => {
    expect(envProblems({ ROSTER_SMTP_URL: "smtp://mail.example.com:587" })).toEqual([
      "ROSTER_NOTIFY_FROM must be set too: ROSTER_SMTP_URL is set (the address notification emails come from)",
    ]);
    expect(envProblems({ ROSTER_SMTP_URL: "smtps://u:p@mail.example.com", ROSTER_NOTIFY_FROM: "Roster <roster@example.com>" })).toEqual([]);
    // The URL may hold a password: a refusal never repeats it.
    expect(envProblems({ ROSTER_SMTP_URL: "mail://u:hunter2@x", ROSTER_NOTIFY_FROM: "r@example.com" }).join(" ")).not.toContain("hunter2");
  });

  it.each(PAIRS)("refuses %s half set, naming what is missing", (...names) => {
    const [first, ...rest] = names;
    const problems = envProblems({
      [first]: first === "AUTH_OIDC_ISSUER" ? "https://id.example.com" : first === "ROSTER_ADMIN_EMAIL" ? "a@example.com" : "set",
    });
    expect(problems).toEqual(rest.map((name) => expect.stringContaining(`${name} must be set too: ${first} is set`)));
  });

  it("never repeats a secret's value in its refusal", () => {
    const [problem] = envProblems({ DATABASE_URL: "mysql://roster:hunter2-long-password@db/roster" });
    expect(problem).toContain("DATABASE_URL");
    expect(problem).not.toContain("hunter2");
  });

  it("treats an empty value as unset, as .env.example does", () => {
    expect(envProblems({ ROSTER_SANDBOX_PORT: "", ARTHUR_CLIENT_ID: " " })).toEqual([]);
  });
});
