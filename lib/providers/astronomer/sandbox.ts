import type { SandboxDefinition, SandboxResponse } from "../../sandbox/server";
import { type AstroVersion, ASTRO_VERSIONS } from "./api";
import { type AstroSandboxContext, errorBody } from "./sandbox-http";
import { AstroSandboxState } from "./sandbox-state";
import { v1Routes } from "./sandbox-v1";
import { v1alpha1Routes } from "./sandbox-v1alpha1";
import { ASTRO_VARIANCE_CASES, type AstroVariance, NO_VARIANCE, parseVariance } from "./sandbox-variance";

/**
 * The Astronomer sandbox: one organization served by both API versions, v1alpha1 under
 * `/v1alpha1` and v1 under `/v1` (sandbox-v1alpha1.ts, sandbox-v1.ts), over one state.
 * `version` picks the base path adapters are pointed at; `variance` makes answers look the
 * way real organizations' do (sandbox-variance.ts), settable at run time through
 * `/__sandbox/astronomer/variance`.
 */

export interface AstronomerSandboxOptions {
  users: number;
  /** The clock for new invites and changes (tests pin it). */
  now?: () => number;
  /** The version whose base path the sandbox's base URL names (default v1alpha1). */
  version?: AstroVersion;
  variance?: AstroVariance;
}

/** The sandbox settings the environment gives: ROSTER_SANDBOX_ASTRONOMER_VERSION and ROSTER_SANDBOX_ASTRONOMER_VARIANCE. */
export function astronomerSandboxEnv(env: NodeJS.ProcessEnv = process.env): Pick<AstronomerSandboxOptions, "version" | "variance"> {
  return { version: sandboxAstronomerVersion(env), variance: parseVariance(env.ROSTER_SANDBOX_ASTRONOMER_VARIANCE) };
}

export function sandboxAstronomerVersion(env: NodeJS.ProcessEnv = process.env): AstroVersion {
  const raw = env.ROSTER_SANDBOX_ASTRONOMER_VERSION?.trim();
  if (!raw) return "v1alpha1";
  if (!(ASTRO_VERSIONS as readonly string[]).includes(raw)) {
    throw new Error(`ROSTER_SANDBOX_ASTRONOMER_VERSION must be ${ASTRO_VERSIONS.join(" or ")}, got "${raw}"`);
  }
  return raw as AstroVersion;
}

const CONTROL_PATH = "/__sandbox/astronomer/variance";

export function createAstronomerSandbox(options: AstronomerSandboxOptions): SandboxDefinition {
  const initial = options.variance ?? NO_VARIANCE;
  let variance = initial;
  let state = new AstroSandboxState(options.users, options.now, variance);
  let listings = 0;
  const ctx: AstroSandboxContext = { state: () => state, variance: () => variance, nextListing: () => ++listings };
  const rebuild = (next: AstroVariance) => {
    variance = next;
    state = new AstroSandboxState(options.users, options.now, variance);
  };

  function control(method: string, path: string, body: unknown): SandboxResponse | undefined {
    if (path !== CONTROL_PATH) return undefined;
    const current = () => ({ cases: [...variance], known: ASTRO_VARIANCE_CASES });
    if (method === "GET") return { status: 200, body: current() };
    if (method !== "POST") return { status: 405, body: { error: `use GET or POST on ${CONTROL_PATH}` } };
    const cases = (body as { cases?: unknown } | undefined)?.cases;
    if (!Array.isArray(cases) || cases.some((c) => typeof c !== "string")) {
      return { status: 400, body: { error: 'body must be {"cases": ["workspace-forbidden", ...]} (an empty list for none)' } };
    }
    try {
      rebuild(parseVariance(cases as string[]));
    } catch (error) {
      return { status: 400, body: { error: (error as Error).message } };
    }
    return { status: 200, body: current() };
  }

  return {
    provider: "astronomer",
    basePath: `/${options.version ?? "v1alpha1"}`,
    routes: [...v1alpha1Routes(ctx), ...v1Routes(ctx)],
    errorBody,
    control,
    reset: () => rebuild(initial),
    saveState: () => state.save(),
    loadState(saved) {
      const next = new AstroSandboxState(options.users, options.now, variance);
      next.load(saved);
      state = next;
    },
  };
}
