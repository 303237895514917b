import { type ProviderModule, missingVariables } from "../module";
import { createOpenAIAdapter } from "./adapter";
import { openaiDescriptor } from "./descriptor";
import { createOpenAISandbox } from "./sandbox";

export const openaiProvider: ProviderModule = {
  descriptor: openaiDescriptor,
  createAdapter: createOpenAIAdapter,
  liveConnection(env) {
    return (
      missingVariables(env, ["OPENAI_ADMIN_KEY"]) ?? {
        connection: { baseUrl: env.OPENAI_BASE_URL || openaiDescriptor.defaultBaseUrl!, token: env.OPENAI_ADMIN_KEY! },
      }
    );
  },
  sandbox: {
    create: ({ users }) => createOpenAISandbox({ users }),
    connection: (origin, token) => ({ baseUrl: origin + openaiDescriptor.sandboxBasePath, token }),
  },
};
