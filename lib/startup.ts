import { allProviderSettings, isConfigError, sandboxedProviders } from "./config";
import path from "node:path";
import { envProblems } from "./env-schema";
import { log } from "./log";

/**
 * Server start: checks every variable against lib/env-schema.ts (a bad or half-set one
 * stops the start, named), refuses to run production without a session secret, installs
 * the graceful stop (lib/shutdown.ts) and the sweep that closes changes a crashed server
 * left unfinished (lib/audit/interrupted.ts), opens and migrates the database, and starts
 * the provider sandboxes the configuration asks for (in production only when
 * ROSTER_SANDBOX names them: `npm run demo` does).
 */
export async function startRoster(): Promise<void> {
  checkEnvironment();
  if (process.env.NODE_ENV === "production" && !process.env.NEXTAUTH_SECRET && !process.env.AUTH_SECRET) {
    log.fatal(
      "NEXTAUTH_SECRET is not set. Roster refuses to start in production without it: " +
        "set it to a long random string (for example `openssl rand -base64 32`), or run `npm run demo`.",
    );
    process.exit(1);
  }
  const { checkSignInConfig } = await import("./auth/check-config");
  checkSignInConfig();
  checkProviderConfig();
  const { installGracefulShutdown } = await import("./shutdown");
  installGracefulShutdown();
  const { startInterruptedSweep } = await import("./audit/interrupted");
  startInterruptedSweep();
  // In the background: the first requests wait for the same opening (lib/db's one handle), while
  // pages that need no database (sign-in, /api/health) answer at once.
  void openDatabaseAtStart();
  if (sandboxedProviders().length === 0) {
    if (allProviderSettings().every((p) => p.mode === "unconfigured")) {
      log.warn("No provider is configured: set a provider's credentials (see .env.example), or ROSTER_SANDBOX=all for the sandboxes");
    }
    return;
  }
  const { startConfiguredSandboxes } = await import("./sandbox/start");
  const started = await startConfiguredSandboxes();
  for (const s of started.running) log.info({ provider: s.provider, url: s.baseUrl }, `${s.provider} sandbox on ${s.baseUrl}`);
  for (const p of started.reused) log.info({ provider: p }, `${p} sandbox already running; using it`);
}

/** A half-set provider credential (Arthur's client id without its secret) stops the start, naming it. */
function checkProviderConfig(): void {
  try {
    allProviderSettings();
  } catch (error) {
    if (!isConfigError(error)) throw error;
    log.fatal(error.message);
    process.exit(1);
  }
}

/** Every variable against the schema: all problems at once, each naming its variable, then exit 1. */
function checkEnvironment(): void {
  const problems = envProblems(process.env);
  if (!problems.length) return;
  for (const problem of problems) log.fatal(problem);
  log.fatal(`Roster cannot start: ${problems.length} setting(s) above are wrong (see .env.example)`);
  process.exit(1);
}

/**
 * Opens and migrates the database at start, before the first request needs it. A database
 * that cannot be opened stops the start, naming its variable (a container platform restarts
 * the server and shows why); one that goes away later keeps the server alive, with
 * `/api/ready` answering 503 until it answers again. scripts/entrypoint.mjs, the container's
 * start, migrates Postgres before the server even listens.
 */
async function openDatabaseAtStart(): Promise<void> {
  const postgres = Boolean(process.env.DATABASE_URL?.trim());
  if (process.env.NODE_ENV === "production" && !postgres && process.env.ROSTER_DEMO !== "1") {
    const dir = path.resolve(/*turbopackIgnore: true*/ process.env.ROSTER_DATA_DIR?.trim() || ".data/pglite");
    log.warn(
      `DATABASE_URL is not set: using embedded PGlite in ${dir}. PGlite is single-process: run one Roster server on it, and keep that directory on a volume.`,
    );
  }
  const { getDb, getRawDb } = await import("./db");
  try {
    await getDb();
  } catch (error) {
    const { withoutConnectionString } = await import("./db/migrate.mjs");
    const said = withoutConnectionString(error instanceof Error ? error.message : error);
    log.fatal(
      postgres
        ? `DATABASE_URL: could not connect to Postgres and migrate it: ${said}. It must be postgres://user:password@host:5432/database, reachable from here.`
        : `ROSTER_DATA_DIR: could not open the embedded database: ${said}. It must be a directory Roster can write to.`,
    );
    process.exit(1);
  }
  // The stored directory, unpacked and indexed now rather than by the first request.
  const { warmDirectory } = await import("./directory/service");
  await warmDirectory().catch((error) => log.error({ err: error }, "The stored directory could not be read at start"));
  // The job engine (lib/jobs) works in this process once the database is open.
  const { startRosterJobs } = await import("./jobs/start");
  await startRosterJobs(await getRawDb()).catch((error: unknown) => log.error({ err: error }, "The job engine could not start"));
}
