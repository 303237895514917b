import { allProviderSettings, isConfigError, sandboxedProviders } from "./config";
import { log } from "./log";

/**
 * Server start: refuses to run production without a session secret, installs the
 * graceful stop (lib/shutdown.ts) and the sweep that closes changes a crashed server
 * left unfinished (lib/audit/interrupted.ts), and starts the provider sandboxes the
 * configuration asks for, so `npm start` with no provider keys is the full demo.
 */
export async function startRoster(): Promise<void> {
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
  if (sandboxedProviders().length === 0) return;
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
