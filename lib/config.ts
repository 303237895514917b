import { brand, hasBrand, setBrand } from "./brand";
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

const CONFIG_ERROR = brand("ConfigError");

/** A setting that is wrong or half set. Recognise it with `isConfigError` (see lib/brand.ts). */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
    setBrand(this, CONFIG_ERROR);
  }
}

export function isConfigError(value: unknown): value is ConfigError {
  return hasBrand(value, CONFIG_ERROR);
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

/** Lifetime of the tokens Arthur's sandbox issues (ROSTER_SANDBOX_ARTHUR_TOKEN_TTL_SECONDS); undefined: its default. */
export function sandboxArthurTokenTtlSeconds(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const raw = env.ROSTER_SANDBOX_ARTHUR_TOKEN_TTL_SECONDS?.trim();
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 86_400) {
    throw new ConfigError(`ROSTER_SANDBOX_ARTHUR_TOKEN_TTL_SECONDS must be whole seconds from 1 to 86400, got "${raw}"`);
  }
  return seconds;
}

/** Which providers are served from their sandboxes. */
export function sandboxedProviders(env: NodeJS.ProcessEnv = process.env): ProviderId[] {
  const raw = env.ROSTER_SANDBOX?.trim().toLowerCase();
  if (!raw) {
    // Production starts no sandbox unless asked (`npm run demo` asks).
    if (env.NODE_ENV === "production") return [];
    const anyCredential = PROVIDER_IDS.some((id) => env[LIVE_CREDENTIAL[id][0]]) || ARTHUR_CLIENT.some((name) => env[name]);
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
        // Arthur's sandbox signs Roster in as it would a real service account.
        ...(id === "arthur"
          ? { token: "", clientCredentials: { clientId: SANDBOX_ARTHUR_CLIENT_ID, clientSecret: sandboxTokens(env)[0] } }
          : { token: sandboxTokens(env)[0] }),
        organizationId: id === "astronomer" ? SANDBOX_ASTRONOMER_ORG_ID : undefined,
      },
    };
  }
  if (id === "arthur") return arthurSettings(env);
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
  }
}

const ARTHUR_CLIENT = ["ARTHUR_CLIENT_ID", "ARTHUR_CLIENT_SECRET"] as const;
/** The Arthur sandbox's own service account ("Roster"); its secret is any sandbox token. */
export const SANDBOX_ARTHUR_CLIENT_ID = "roster-sandbox";

/**
 * Arthur signs Roster in with a service account's client credentials (both variables, or
 * neither: half set refuses), or with a fixed access token, which expires.
 */
function arthurSettings(env: NodeJS.ProcessEnv): ProviderSettings {
  const client = ARTHUR_CLIENT.filter((name) => env[name]?.trim());
  if (client.length === 1) {
    const other = ARTHUR_CLIENT.find((name) => name !== client[0])!;
    throw new ConfigError(`Arthur client credentials are half set: ${client[0]} is set but ${other} is not. Set both, or neither.`);
  }
  const credential = client.length ? [] : ["ARTHUR_ACCESS_TOKEN"];
  const missing = ["ARTHUR_BASE_URL", ...credential].filter((name) => !env[name]);
  if (missing.length) {
    const or = client.length ? "" : " (or ARTHUR_CLIENT_ID and ARTHUR_CLIENT_SECRET)";
    return { id: "arthur", mode: "unconfigured", connection: null, missing: missing.join(", ") + (missing.includes("ARTHUR_ACCESS_TOKEN") ? or : "") };
  }
  const clientCredentials = client.length ? { clientId: env.ARTHUR_CLIENT_ID!.trim(), clientSecret: env.ARTHUR_CLIENT_SECRET!.trim() } : undefined;
  return {
    id: "arthur",
    mode: "live",
    connection: { baseUrl: env.ARTHUR_BASE_URL!, token: clientCredentials ? "" : env.ARTHUR_ACCESS_TOKEN!, ...(clientCredentials ? { clientCredentials } : {}) },
  };
}

export function allProviderSettings(env: NodeJS.ProcessEnv = process.env): ProviderSettings[] {
  return PROVIDER_IDS.map((id) => providerSettings(id, env));
}
