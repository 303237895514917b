import type { SandboxDefinition } from "../../sandbox/server";
import { arthurDescriptor } from "./descriptor";
import { accessRoutes } from "./sandbox-access-routes";
import { groupRoutes } from "./sandbox-groups";
import { type SandboxSignInOptions, sandboxSignIn } from "./sandbox-auth-routes";
import { ArthurSandboxState } from "./sandbox-state";
import { ARTHUR_VARIANCES } from "./sandbox-variance";
import { userRoutes } from "./sandbox-user-routes";

export { SANDBOX_ME_ID, SANDBOX_ORGANIZATION, SANDBOX_ROLE_IDS } from "./sandbox-seed";
export { LAST_OWNER_MESSAGE } from "./sandbox-access-routes";
export { DEFAULT_TOKEN_TTL_SECONDS, DISCOVERY_PATH, SANDBOX_TOKEN_PATH } from "./sandbox-auth-routes";

/**
 * The Arthur platform API on loopback: Arthur's own paths (they start with /api/v1,
 * so the base path is empty), `page`/`page_size` pagination with `ResourceList`
 * envelopes, FastAPI error bodies, and exactly `users` seeded accounts; and sign-in with
 * client credentials at a token endpoint its discovery document names, issuing tokens
 * that expire (lib/providers/arthur/sandbox-auth-routes.ts).
 */
export function createArthurSandbox(options: { users: number } & SandboxSignInOptions): SandboxDefinition & { state: ArthurSandboxState } {
  const state = new ArthurSandboxState(options.users);
  const signIn = sandboxSignIn(state, options);
  return {
    provider: "arthur",
    basePath: arthurDescriptor.sandboxBasePath,
    routes: [...signIn.routes, ...userRoutes(state), ...accessRoutes(state), ...groupRoutes(state)],
    acceptsToken: signIn.accepts,
    errorBody: (_status, message) => ({ detail: message }),
    variances: ARTHUR_VARIANCES,
    reset: () => state.reset(),
    saveState: () => state.save(),
    loadState: (saved) => state.load(saved),
    state,
  };
}
