/** Sandbox ports are ROSTER_SANDBOX_PORT + the provider's place in lib/providers/catalog.ts. */
export const DEFAULT_SANDBOX_PORT = 4010;
