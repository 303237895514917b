import type { SandboxDefinition } from "../sandbox/server";
import type { ProviderId } from "./catalog";
import type { ProviderDescriptor } from "./descriptor";
import type { ProviderAdapter, ProviderConnection } from "./types";

/**
 * A provider's server part (`lib/providers/<id>/index.ts`): its descriptor plus what needs
 * server code: the adapter, how its variables make a connection, and its sandbox. Every
 * provider folder exports one; `lib/providers/modules.ts` lists them.
 */

export interface SandboxFactoryOptions {
  users: number;
  /** Bearer tokens (or client secrets) the sandbox accepts. */
  tokens: string[];
  /** The environment, for the provider's own sandbox variables. */
  env: NodeJS.ProcessEnv;
}

export type LiveConnection = { connection: ProviderConnection } | { missing: string };

export interface ProviderModule {
  descriptor: ProviderDescriptor<ProviderId>;
  createAdapter(connection: ProviderConnection): ProviderAdapter;
  /** The connection the provider's own variables give, or what is missing; throws a ConfigError when they are set wrongly. */
  liveConnection(env: NodeJS.ProcessEnv): LiveConnection;
  sandbox: {
    create(options: SandboxFactoryOptions): SandboxDefinition;
    /** How Roster reaches its sandbox at `origin` (`http://127.0.0.1:<port>`) signed in with `token`. */
    connection(origin: string, token: string, env: NodeJS.ProcessEnv): ProviderConnection;
  };
}

/** The variables of `names` that are unset, as a `missing` list; null when all are set. */
export function missingVariables(env: NodeJS.ProcessEnv, names: string[]): { missing: string } | null {
  const missing = names.filter((name) => !env[name]);
  return missing.length ? { missing: missing.join(", ") } : null;
}
