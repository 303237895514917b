import { PROVIDER_IDS, type ProviderConnection, type ProviderId } from "./providers/types";
import { DEFAULT_SANDBOX_PORT, SANDBOX_ASTRONOMER_ORG_ID, SANDBOX_BASE_PATH, SANDBOX_PORT_OFFSET } from "./sandbox/constants";

/**
 * Configuration from the environment, read in one place. Provider secrets are read
 * here on the server only; nothing here is NEXT_PUBLIC.
 */

export type ProviderMode = "live" | "sandbox" | "unconfigured";

export interface ProviderSettings {
  id: ProviderId;
  mode: ProviderMode;
  connection: ProviderConnection | null;
  /** What is missing when unconfigured. */
  missing?: string;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

const LIVE_CREDENTIAL: Record<ProviderId, string[]> = {
  openai: ["OPENAI_ADMIN_KEY"],
  astronomer: ["ASTRONOMER_API_TOKEN", "ASTRONOMER_ORGANIZATION_ID"],
  arthur: ["ARTHUR_ACCESS_TOKEN", "ARTHUR_BASE_URL"],
};

const DEFAULT_BASE_URL: Partial<Record<ProviderId, string>> = {
  openai: "https://api.openai.com/v1",
  /** Astronomer's listed API version; the adapter speaks the version its base URL names (v1 or v1alpha1). */
  astronomer: "https://api.astronomer.io/v1",
};

export function sandboxTokens(env: NodeJS.ProcessEnv = process.env): string[] {
  const tokens = (env.ROSTER_SANDBOX_TOKENS ?? "sandbox")
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean);
  return tokens.length ? tokens : ["sandbox"];
}

export function sandboxBasePort(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.ROSTER_SANDBOX_PORT;
  if (!raw) return DEFAULT_SANDBOX_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65533) {
    throw new ConfigError(`ROSTER_SANDBOX_PORT must be a port number from 1 to 65533, got "${raw}"`);
  }
  return port;
}

export function sandboxPort(id: ProviderId, env: NodeJS.ProcessEnv = process.env): number {
  return sandboxBasePort(env) + SANDBOX_PORT_OFFSET[id];
}

export function sandboxBaseUrl(id: ProviderId, env: NodeJS.ProcessEnv = process.env): string {
  // The Astronomer sandbox serves both API versions; ROSTER_SANDBOX_ASTRONOMER_VERSION picks one (default v1alpha1).
  const base = id === "astronomer" && env.ROSTER_SANDBOX_ASTRONOMER_VERSION?.trim() === "v1" ? "/v1" : SANDBOX_BASE_PATH[id];
  return `http://127.0.0.1:${sandboxPort(id, env)}${base}`;
}

/** Which providers are served from their sandboxes. */
export function sandboxedProviders(env: NodeJS.ProcessEnv = process.env): ProviderId[] {
  const raw = env.ROSTER_SANDBOX?.trim().toLowerCase();
  if (!raw) {
    const anyCredential = PROVIDER_IDS.some((id) => env[LIVE_CREDENTIAL[id][0]]);
    return anyCredential ? [] : [...PROVIDER_IDS];
  }
  if (raw === "all") return [...PROVIDER_IDS];
  if (raw === "none") return [];
  const list = raw.split(",").map((s) => s.trim()).filter(Boolean);
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
  if (sandboxedProviders(env).includes(id)) {
    return {
      id,
      mode: "sandbox",
      connection: {
        baseUrl: sandboxBaseUrl(id, env),
        token: sandboxTokens(env)[0],
        organizationId: id === "astronomer" ? SANDBOX_ASTRONOMER_ORG_ID : undefined,
      },
    };
  }
  const missing = LIVE_CREDENTIAL[id].filter((name) => !env[name]);
  if (missing.length) return { id, mode: "unconfigured", connection: null, missing: missing.join(", ") };
  switch (id) {
    case "openai":
      return {
        id,
        mode: "live",
        connection: { baseUrl: env.OPENAI_BASE_URL || DEFAULT_BASE_URL.openai!, token: env.OPENAI_ADMIN_KEY! },
      };
    case "astronomer":
      return {
        id,
        mode: "live",
        connection: {
          baseUrl: env.ASTRONOMER_BASE_URL || DEFAULT_BASE_URL.astronomer!,
          token: env.ASTRONOMER_API_TOKEN!,
          organizationId: env.ASTRONOMER_ORGANIZATION_ID!,
        },
      };
    case "arthur":
      return { id, mode: "live", connection: { baseUrl: env.ARTHUR_BASE_URL!, token: env.ARTHUR_ACCESS_TOKEN! } };
  }
}

export function allProviderSettings(env: NodeJS.ProcessEnv = process.env): ProviderSettings[] {
  return PROVIDER_IDS.map((id) => providerSettings(id, env));
}
