import { defineProvider } from "../descriptor";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const arthurDescriptor = defineProvider({
  id: "arthur",
  label: "Arthur",
  accent: "sky",
  colours: {
    dot: "bg-arthur-500",
    badge: "border-arthur-600/20 bg-arthur-50 text-arthur-900 dark:border-arthur-400/25 dark:bg-arthur-400/10 dark:text-arthur-100",
    text: "text-arthur-700 dark:text-arthur-300",
  },
  env: {
    credentials: ["ARTHUR_ACCESS_TOKEN", "ARTHUR_CLIENT_ID", "ARTHUR_CLIENT_SECRET"],
    variables: [
      "ARTHUR_BASE_URL",
      "ARTHUR_CLIENT_ID",
      "ARTHUR_CLIENT_SECRET",
      "ARTHUR_ACCESS_TOKEN",
      "ROSTER_SANDBOX_ARTHUR_TOKEN_TTL_SECONDS",
    ],
    together: [["ARTHUR_CLIENT_ID", "ARTHUR_CLIENT_SECRET"]],
  },
  // Arthur's spec names no host: the platform's own is required (ARTHUR_BASE_URL).
  sandboxBasePath: "",
  // Arthur's user ids are UUIDs (its spec: `format: uuid`) that Arthur and its sandbox match
  // without regard to case: Roster lower-cases them wherever one enters, and refuses anything
  // else before Arthur would (which Roster would report as a 502).
  memberIds: { ignoreCase: true, format: { check: (id) => UUID.test(id), message: "memberId must be an Arthur user id (a UUID)" } },
});
