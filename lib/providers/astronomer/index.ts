import { type ProviderModule, missingVariables } from "../module";
import { createAstronomerAdapter } from "./adapter";
import { astronomerDescriptor } from "./descriptor";
import { astronomerSandboxEnv, createAstronomerSandbox, sandboxAstronomerVersion } from "./sandbox";
import { SANDBOX_ASTRONOMER_ORG_ID } from "./sandbox-org";

export const astronomerProvider: ProviderModule = {
  descriptor: astronomerDescriptor,
  createAdapter: createAstronomerAdapter,
  liveConnection(env) {
    return (
      missingVariables(env, ["ASTRONOMER_API_TOKEN", "ASTRONOMER_ORGANIZATION_ID"]) ?? {
        connection: {
          baseUrl: env.ASTRONOMER_BASE_URL || astronomerDescriptor.defaultBaseUrl!,
          token: env.ASTRONOMER_API_TOKEN!,
          organizationId: env.ASTRONOMER_ORGANIZATION_ID!,
        },
      }
    );
  },
  sandbox: {
    create: ({ users, env }) => createAstronomerSandbox({ users, ...astronomerSandboxEnv(env) }),
    // The sandbox serves both API versions; ROSTER_SANDBOX_ASTRONOMER_VERSION picks the one Roster speaks (default v1alpha1).
    connection: (origin, token, env) => ({
      baseUrl: `${origin}/${sandboxAstronomerVersion(env)}`,
      token,
      organizationId: SANDBOX_ASTRONOMER_ORG_ID,
    }),
  },
};
