import { sandboxedProviders } from "./config";

/**
 * Server start: refuses to run production without a session secret, and starts the
 * provider sandboxes the configuration asks for, so `npm start` with no provider keys
 * is the full demo.
 */
export async function startRoster(): Promise<void> {
  if (process.env.NODE_ENV === "production" && !process.env.NEXTAUTH_SECRET && !process.env.AUTH_SECRET) {
    console.error(
      "[roster] NEXTAUTH_SECRET is not set. Roster refuses to start in production without it: " +
        "set it to a long random string (for example `openssl rand -base64 32`), or run `npm run demo`.",
    );
    process.exit(1);
  }
  const { checkSignInConfig } = await import("./auth/check-config");
  checkSignInConfig();
  if (sandboxedProviders().length === 0) return;
  const { startConfiguredSandboxes } = await import("./sandbox/start");
  const started = await startConfiguredSandboxes();
  for (const s of started.running) console.log(`[roster] ${s.provider} sandbox on ${s.baseUrl}`);
  for (const p of started.reused) console.log(`[roster] ${p} sandbox already running; using it`);
}
