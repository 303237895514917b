import { defineProvider } from "../descriptor";

export const openaiDescriptor = defineProvider({
  id: "openai",
  label: "OpenAI",
  accent: "emerald",
  colours: {
    dot: "bg-openai-500",
    badge: "border-openai-600/20 bg-openai-50 text-openai-900 dark:border-openai-400/25 dark:bg-openai-400/10 dark:text-openai-100",
    text: "text-openai-700 dark:text-openai-300",
  },
  env: { credentials: ["OPENAI_ADMIN_KEY"], variables: ["OPENAI_ADMIN_KEY", "OPENAI_BASE_URL"] },
  defaultBaseUrl: "https://api.openai.com/v1",
  sandboxBasePath: "/v1",
  // `user-…` ids: opaque strings the spec gives no case rule for, compared exactly.
  memberIds: { ignoreCase: false },
});
