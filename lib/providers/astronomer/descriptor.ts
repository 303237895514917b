import { defineProvider } from "../descriptor";

export const astronomerDescriptor = defineProvider({
  id: "astronomer",
  label: "Astronomer",
  accent: "violet",
  colours: {
    dot: "bg-astronomer-500",
    badge:
      "border-astronomer-600/20 bg-astronomer-50 text-astronomer-900 dark:border-astronomer-400/25 dark:bg-astronomer-400/10 dark:text-astronomer-100",
    text: "text-astronomer-700 dark:text-astronomer-300",
  },
  env: {
    credentials: ["ASTRONOMER_API_TOKEN"],
    variables: [
      "ASTRONOMER_API_TOKEN",
      "ASTRONOMER_ORGANIZATION_ID",
      "ASTRONOMER_BASE_URL",
      "ROSTER_SANDBOX_ASTRONOMER_VERSION",
      "ROSTER_SANDBOX_ASTRONOMER_VARIANCE",
    ],
  },
  /** Astronomer's listed API version; the adapter speaks the version its base URL names (v1 or v1alpha1). */
  defaultBaseUrl: "https://api.astronomer.io/v1",
  sandboxBasePath: "/v1alpha1",
  // cuid ids: opaque strings the spec gives no case rule for, compared exactly.
  memberIds: { ignoreCase: false },
});
