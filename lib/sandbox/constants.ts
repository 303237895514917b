import type { ProviderId } from "../providers/types";

/** Sandbox ports are ROSTER_SANDBOX_PORT + this offset. */
export const SANDBOX_PORT_OFFSET: Record<ProviderId, number> = { openai: 0, astronomer: 1, arthur: 2 };
export const DEFAULT_SANDBOX_PORT = 4010;

/** The base path each real API uses; the sandbox serves under the same one. */
export const SANDBOX_BASE_PATH: Record<ProviderId, string> = {
  openai: "/v1",
  astronomer: "/v1alpha1",
  arthur: "",
};

/** The Astronomer organization the sandbox serves (a cuid-shaped id). */
export const SANDBOX_ASTRONOMER_ORG_ID = "clsandbox0org0roster00001";
