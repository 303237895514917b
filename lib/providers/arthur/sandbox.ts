import type { SandboxDefinition } from "../../sandbox/server";
import { accessRoutes } from "./sandbox-access-routes";
import { ArthurSandboxState } from "./sandbox-state";
import { userRoutes } from "./sandbox-user-routes";

export { SANDBOX_ME_ID, SANDBOX_ORGANIZATION, SANDBOX_ROLE_IDS } from "./sandbox-seed";
export { LAST_OWNER_MESSAGE } from "./sandbox-access-routes";

/**
 * The Arthur platform API on loopback: Arthur's own paths (they start with /api/v1,
 * so the base path is empty), `page`/`page_size` pagination with `ResourceList`
 * envelopes, FastAPI error bodies, and exactly `users` seeded accounts.
 */
export function createArthurSandbox(options: { users: number }): SandboxDefinition & { state: ArthurSandboxState } {
  const state = new ArthurSandboxState(options.users);
  return {
    provider: "arthur",
    basePath: "",
    routes: [...userRoutes(state), ...accessRoutes(state)],
    errorBody: (_status, message) => ({ detail: message }),
    reset: () => state.reset(),
    saveState: () => state.save(),
    loadState: (saved) => state.load(saved),
    state,
  };
}
