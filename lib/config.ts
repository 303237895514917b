import "server-only";
import { ConfigError } from "./config-error";
import { PROVIDER_DESCRIPTORS, PROVIDER_IDS, type ProviderId } from "./providers/catalog";
import type { ProviderMode } from "./providers/descriptor";
import { providerModule } from "./providers/modules";
import type { ProviderConnection } from "./providers/types";
import { DEFAULT_SANDBOX_PORT } from "./sandbox/constants";

/**
 * Configuration from the environment, read in one place. Provider secrets are read
 * here on the server only (each provider's own variables by its folder's index.ts);
 * nothing here is NEXT_PUBLIC.
 */

export { ConfigError, isConfigError } from "./config-error";

export interface ProviderSettings {
  id: ProviderId;
  mode: ProviderMode;
  connection: ProviderConnection | null;
  /** What is missing when unconfigured. */
  missing?: string;
}

export function sandboxTokens(env: NodeJS.ProcessEnv = process.env): string[] {
  const tokens = (env.ROSTER_SANDBOX_TOKENS ?? "sandbox")
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean);
  return tokens.length ? tokens : ["sandbox"];
}

/** The first sandbox port: every provider's sandbox listens on the next ones, in the catalog's order. */
export function sandboxBasePort(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.ROSTER_SANDBOX_PORT;
  if (!raw) return DEFAULT_SANDBOX_PORT;
  const port = Number(raw);
  const highest = 65535 - (PROVIDER_IDS.length - 1);
  if (!Number.isInteger(port) || port < 1 || port > highest) {
    throw new ConfigError(`ROSTER_SANDBOX_PORT must be a port number from 1 to ${highest}, got "${raw}"`);
  }
  return port;
}

export function sandboxPort(id: ProviderId, env: NodeJS.ProcessEnv = process.env): number {
  return sandboxBasePort(env) + PROVIDER_IDS.indexOf(id);
}

/** Which providers are served from their sandboxes. */
export function sandboxedProviders(env: NodeJS.ProcessEnv = process.env): ProviderId[] {
  const raw = env.ROSTER_SANDBOX?.trim().toLowerCase();
  if (!raw) {
    // Production starts no sandbox unless asked (`npm run demo` asks).
    if (env.NODE_ENV === "production") return [];
    const anyCredential = PROVIDER_DESCRIPTORS.some((d) => d.env.credentials.some((name) => env[name]));
    return anyCredential ? [] : [...PROVIDER_IDS];
  }
  if (raw === "all") return [...PROVIDER_IDS];
  if (raw === "none") return [];
  const list = raw
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = list.filter((p) => !(PROVIDER_IDS as readonly string[]).includes(p));
  if (unknown.length) {
    throw new ConfigError(
      `ROSTER_SANDBOX must be "all", "none" or a comma list of ${PROVIDER_IDS.join(", ")}; unknown: ${unknown.join(", ")}`,
    );
  }
  return list as ProviderId[];
}

/** Per-attempt timeout for provider calls (ROSTER_PROVIDER_TIMEOUT_MS, default 15 s). */
export function providerTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.ROSTER_PROVIDER_TIMEOUT_MS;
  if (!raw) return 15_000;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 100 || ms > 300_000) {
    throw new ConfigError(`ROSTER_PROVIDER_TIMEOUT_MS must be milliseconds from 100 to 300000, got "${raw}"`);
  }
  return ms;
}

export function providerSettings(id: ProviderId, env: NodeJS.ProcessEnv = process.env): ProviderSettings {
  const settings = connectionSettings(id, env);
  if (settings.connection) settings.connection.timeoutMs = providerTimeoutMs(env);
  return settings;
}

function connectionSettings(id: ProviderId, env: NodeJS.ProcessEnv): ProviderSettings {
  const provider = providerModule(id);
  if (sandboxedProviders(env).includes(id)) {
    const connection = provider.sandbox.connection(`http://127.0.0.1:${sandboxPort(id, env)}`, sandboxTokens(env)[0], env);
    return { id, mode: "sandbox", connection };
  }
  const live = provider.liveConnection(env);
  if ("missing" in live) return { id, mode: "unconfigured", connection: null, missing: live.missing };
  return { id, mode: "live", connection: live.connection };
}

export function allProviderSettings(env: NodeJS.ProcessEnv = process.env): ProviderSettings[] {
  return PROVIDER_IDS.map((id) => providerSettings(id, env));
}
