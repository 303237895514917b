import { sandboxBasePort, sandboxedProviders, sandboxTokens } from "../config";
import { PROVIDER_IDS, type ProviderId } from "../providers/catalog";
import { providerModule } from "../providers/modules";
import { log } from "../log";
import path from "node:path";
import { persistState, sandboxStateDir } from "./persist";
import { sandboxUserCount } from "./seed";
import { type RunningSandbox, startSandbox } from "./server";
import { varianceFor } from "./variance";

/** Starts the sandbox servers the configuration asks for, on loopback. */

async function alreadyServing(provider: ProviderId, port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/__sandbox/health`, { signal: AbortSignal.timeout(1000) });
    const body = (await res.json()) as { provider?: string };
    return body.provider === provider;
  } catch {
    return false;
  }
}

export interface StartedSandboxes {
  running: RunningSandbox[];
  /** Providers whose port already had that provider's sandbox (for example `npm run sandbox`). */
  reused: ProviderId[];
  close(): Promise<void>;
}

export async function startSandboxes(options: {
  providers: ProviderId[];
  basePort: number;
  tokens: string[];
  users: number;
  latencyMs?: number;
  /** ROSTER_SANDBOX_VARIANCE: variance cases on from the start (lib/sandbox/variance.ts). */
  variance?: string;
  /** The environment the providers read their own sandbox variables from (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /** Keep each sandbox's state in `<stateDir>/<provider>.json` across restarts (lib/sandbox/persist.ts). */
  stateDir?: string;
}): Promise<StartedSandboxes> {
  const running: RunningSandbox[] = [];
  const reused: ProviderId[] = [];
  for (const provider of options.providers) {
    // Each provider has its own port, in the catalog's order (so the first sandbox port is stable).
    const port = options.basePort + PROVIDER_IDS.indexOf(provider);
    const definition = providerModule(provider).sandbox.create({
      users: options.users,
      tokens: options.tokens,
      env: options.env ?? process.env,
    });
    try {
      const persisted = options.stateDir
        ? persistState(definition, path.join(/*turbopackIgnore: true*/ options.stateDir, `${provider}.json`), options.users)
        : undefined;
      const available = (definition.variances ?? []).map((v) => v.name);
      const sandbox = await startSandbox(definition, {
        port,
        tokens: options.tokens,
        latencyMs: options.latencyMs,
        variance: varianceFor(provider, options.variance, available),
        onChange: persisted?.changed,
      }).catch((error) => {
        persisted?.close();
        throw error;
      });
      if (persisted?.loaded) log.info({ provider }, `${provider} sandbox: state restored from ${options.stateDir}`);
      running.push({ ...sandbox, close: () => sandbox.close().then(() => persisted?.close()) });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EADDRINUSE" && (await alreadyServing(provider, port))) {
        reused.push(provider);
        continue;
      }
      await Promise.all(running.map((r) => r.close()));
      throw new Error(
        `Could not start the ${provider} sandbox on port ${port}: ${(error as Error).message}. ` +
          `Set ROSTER_SANDBOX_PORT to a free range of ${PROVIDER_IDS.length} ports.`,
      );
    }
  }
  return { running, reused, close: () => Promise.all(running.map((r) => r.close())).then(() => undefined) };
}

const globalForSandboxes = globalThis as unknown as { __rosterSandboxes?: Promise<StartedSandboxes> };

/** The sandboxes for this process's configuration (ROSTER_SANDBOX and friends), started once. */
export function startConfiguredSandboxes(env: NodeJS.ProcessEnv = process.env): Promise<StartedSandboxes> {
  globalForSandboxes.__rosterSandboxes ??= startSandboxes({
    providers: sandboxedProviders(env),
    basePort: sandboxBasePort(env),
    tokens: sandboxTokens(env),
    users: sandboxUserCount(env),
    env,
    latencyMs: env.ROSTER_SANDBOX_LATENCY_MS ? Number(env.ROSTER_SANDBOX_LATENCY_MS) : undefined,
    variance: env.ROSTER_SANDBOX_VARIANCE,
    // Roster's own sandboxes keep their state beside its data, as its stored snapshot is kept.
    stateDir: sandboxStateDir(env),
  });
  return globalForSandboxes.__rosterSandboxes;
}
