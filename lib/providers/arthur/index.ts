import { ConfigError } from "../../config-error";
import { type ProviderModule, missingVariables } from "../module";
import { createArthurAdapter } from "./adapter";
import { arthurDescriptor } from "./descriptor";
import { createArthurSandbox } from "./sandbox";

/** The Arthur sandbox's own service account ("Roster"); its secret is any sandbox token. */
export const SANDBOX_ARTHUR_CLIENT_ID = "roster-sandbox";

/** ARTHUR_CLIENT_ID and ARTHUR_CLIENT_SECRET: both, or neither. */
const CLIENT = arthurDescriptor.env.together![0];

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

export const arthurProvider: ProviderModule = {
  descriptor: arthurDescriptor,
  createAdapter: createArthurAdapter,
  /**
   * Arthur signs Roster in with a service account's client credentials (both variables, or
   * neither: half set refuses), or with a fixed access token, which expires.
   */
  liveConnection(env) {
    const client = CLIENT.filter((name) => env[name]?.trim());
    if (client.length === 1) {
      const other = CLIENT.find((name) => name !== client[0])!;
      throw new ConfigError(`Arthur client credentials are half set: ${client[0]} is set but ${other} is not. Set both, or neither.`);
    }
    const lacking = missingVariables(env, ["ARTHUR_BASE_URL", ...(client.length ? [] : ["ARTHUR_ACCESS_TOKEN"])]);
    if (lacking) {
      const or = lacking.missing.includes("ARTHUR_ACCESS_TOKEN") ? " (or ARTHUR_CLIENT_ID and ARTHUR_CLIENT_SECRET)" : "";
      return { missing: lacking.missing + or };
    }
    const clientCredentials = client.length
      ? { clientId: env.ARTHUR_CLIENT_ID!.trim(), clientSecret: env.ARTHUR_CLIENT_SECRET!.trim() }
      : undefined;
    return {
      connection: {
        baseUrl: env.ARTHUR_BASE_URL!,
        token: clientCredentials ? "" : env.ARTHUR_ACCESS_TOKEN!,
        ...(clientCredentials ? { clientCredentials } : {}),
      },
    };
  },
  sandbox: {
    // Roster signs in to Arthur's sandbox with client credentials: its client id, and any sandbox token as the secret.
    create: ({ users, tokens, env }) =>
      createArthurSandbox({
        users,
        tokenTtlSeconds: sandboxArthurTokenTtlSeconds(env),
        client: { clientId: SANDBOX_ARTHUR_CLIENT_ID, secrets: tokens },
      }),
    connection: (origin, token) => ({
      baseUrl: origin + arthurDescriptor.sandboxBasePath,
      token: "",
      clientCredentials: { clientId: SANDBOX_ARTHUR_CLIENT_ID, clientSecret: token },
    }),
  },
};
