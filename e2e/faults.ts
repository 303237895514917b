import type { FaultInput } from "../lib/sandbox/faults";

/**
 * The provider faults the API and browser fault matrices inject, and what Roster reports
 * for each (the e2e server gives up on a provider after 1.5 s per attempt).
 */
export interface FaultCase {
  name: string;
  input: (label: string) => FaultInput;
  /** The provider status Roster reports: null when no answer came. */
  status: number | null;
  /** Roster's message for it, naming the provider where the provider's own words do not. */
  message: (label: string) => string;
}

export const FAULTS: FaultCase[] = [
  {
    name: "429 with Retry-After",
    // Waited out on every attempt of a read, then reported.
    input: () => ({ status: 429, retryAfter: 1, message: "Rate limit reached for requests" }),
    status: 429,
    message: () => "Rate limit reached for requests",
  },
  {
    name: "500",
    input: (label) => ({ status: 500, message: `${label} had a bad day` }),
    status: 500,
    message: (label) => `${label} had a bad day`,
  },
  {
    name: "a hang past the timeout",
    input: () => ({ hang: true }),
    status: null,
    message: (label) => `No answer within 1.5 s from ${label}`,
  },
  {
    name: "malformed JSON",
    input: () => ({ malformed: true }),
    status: 200,
    // The sandbox's malformed answer is always the same cut-off list.
    message: (label) => `${label}'s answer was not valid JSON ({"object":"list","data":[{"id":)`,
  },
  {
    name: "401 from an expired key",
    input: () => ({ status: 401, message: "Incorrect API key provided" }),
    status: 401,
    // Arthur signs in with client credentials: the 401 makes Roster ask for a new token, which the fault refuses too.
    message: (label) =>
      label === "Arthur"
        ? `Arthur's sign-in refused Roster's client credentials (client id "roster-sandbox"): Incorrect API key provided`
        : `${label} rejected Roster's API key, which may have expired or been revoked: Incorrect API key provided`,
  },
];
