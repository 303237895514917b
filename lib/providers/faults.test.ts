import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SANDBOX_ASTRONOMER_ORG_ID } from "./astronomer/sandbox-org";
import { type FaultInput, faultSchema } from "../sandbox/faults";
import type { SandboxDefinition } from "../sandbox/server";
import { type TestSandbox, startTestSandbox } from "../sandbox/test-sandbox";
import { arthurExtras, createArthurAdapter } from "./arthur/adapter";
import { expiredAccessToken } from "./arthur/client";
import { SANDBOX_ROLE_IDS, createArthurSandbox } from "./arthur/sandbox";
import { ROLE, createAstronomerAdapter } from "./astronomer/adapter";
import { createAstronomerSandbox } from "./astronomer/sandbox";
import { createOpenAIAdapter } from "./openai/adapter";
import { createOpenAISandbox } from "./openai/sandbox";
import { providerError } from "./test-helpers";
import { PROVIDER_IDS, PROVIDER_LABELS, type ProviderAdapter, type ProviderConnection, type ProviderId } from "./types";

/**
 * The provider fault matrix, adapter level: each provider's real adapter against its real
 * sandbox over HTTP, with faults injected into the sandbox. What reached the provider is
 * read from the sandbox's own request log, so every claim about retries is a count of
 * requests, never a measurement of time.
 */

/** Per attempt; short so the hangs resolve quickly. */
const TIMEOUT_MS = 300;
/** The shared HTTP layer's default: one attempt plus two retries for a safe read. */
const READ_ATTEMPTS = 3;

interface CreatingCall {
  name: string;
  method: "POST";
  route: string;
  send: (email: string) => Promise<unknown>;
}

interface Subject {
  id: ProviderId;
  sandbox: TestSandbox<SandboxDefinition>;
  adapter: ProviderAdapter;
  /** The same provider with a key it no longer accepts. */
  expired: ProviderAdapter;
  /** The route the first page of `listMembers` reads. */
  listRoute: string;
  creates: CreatingCall[];
}

const subjects = new Map<ProviderId, Subject>();

async function subject(
  id: ProviderId,
  definition: SandboxDefinition,
  create: (connection: ProviderConnection) => ProviderAdapter,
  listRoute: string,
  creates: (connection: ProviderConnection, adapter: ProviderAdapter) => CreatingCall[],
): Promise<Subject> {
  const sandbox = await startTestSandbox(definition);
  const connection: ProviderConnection = {
    ...sandbox.connection,
    organizationId: id === "astronomer" ? SANDBOX_ASTRONOMER_ORG_ID : undefined,
    timeoutMs: TIMEOUT_MS,
  };
  const adapter = create(connection);
  return {
    id,
    sandbox,
    adapter,
    expired: create({ ...connection, token: "sk-expired-key" }),
    listRoute,
    creates: creates(connection, adapter),
  };
}

beforeAll(async () => {
  const all = await Promise.all([
    subject("openai", createOpenAISandbox({ users: 40 }), createOpenAIAdapter, "/organization/users", (_c, adapter) => [
      { name: "invite", method: "POST", route: "/organization/invites", send: (email) => adapter.invite({ email, role: "reader" }) },
    ]),
    subject(
      "astronomer",
      createAstronomerSandbox({ users: 40 }),
      createAstronomerAdapter,
      "/organizations/{organizationId}/users",
      (_c, adapter) => [
        {
          name: "invite",
          method: "POST",
          route: "/organizations/{organizationId}/invites",
          send: (email) => adapter.invite({ email, role: ROLE.orgMember }),
        },
      ],
    ),
    subject("arthur", createArthurSandbox({ users: 40 }), createArthurAdapter, "/api/v1/organization/users", (connection, adapter) => {
      const extras = arthurExtras(connection);
      return [
        {
          name: "invite",
          method: "POST",
          route: "/api/v1/organization/users/invite-user",
          send: (email) => adapter.invite({ email, role: SANDBOX_ROLE_IDS.member }),
        },
        {
          name: "create user",
          method: "POST",
          route: "/api/v1/organization/users",
          send: (email) => extras.createUser({ firstName: "Once", email, password: "Once-only-passw0rd!" }),
        },
        {
          name: "create service account",
          method: "POST",
          route: "/api/v1/organization/service_accounts",
          send: (email) => extras.createServiceAccount(`bot-${email.split("@")[0]}`),
        },
      ];
    }),
  ]);
  for (const s of all) subjects.set(s.id, s);
});
afterAll(async () => {
  await Promise.all([...subjects.values()].map((s) => s.sandbox.close()));
});
beforeEach(() => {
  for (const s of subjects.values()) s.sandbox.reset();
});

function requestsTo(s: Subject, method: string, route: string) {
  return s.sandbox.running.requests.filter((r) => r.method === method && r.pattern === route);
}

/**
 * A provider's rate-limit window: every request to the route is refused with 429 and
 * `Retry-After` for that many seconds, then let through. A client that comes back
 * before the window closes is refused again; one that waits as told gets in.
 */
function rateLimitWindow(s: Subject, route: string, seconds: number) {
  s.sandbox.running.faults.add(
    faultSchema.parse({ method: "GET", route, status: 429, retryAfter: seconds, message: "Rate limit reached for requests" }),
  );
  const timer = setTimeout(() => s.sandbox.running.faults.clear(), seconds * 1000);
  return () => clearTimeout(timer);
}

let serial = 0;
const freshEmail = (id: ProviderId) => `fault-${id}-${Date.now()}-${++serial}@example.com`;

for (const id of PROVIDER_IDS) {
  const label = PROVIDER_LABELS[id];
  const s = () => subjects.get(id)!;
  const listAttempts = () => requestsTo(s(), "GET", s().listRoute).map((r) => r.status);
  const fault = (input: FaultInput) => s().sandbox.running.faults.add(faultSchema.parse({ route: s().listRoute, method: "GET", ...input }));

  describe(`${label}: reading members through faults`, () => {
    it("waits out a 429 for the Retry-After it was given, then reads everything", async () => {
      const stop = rateLimitWindow(s(), s().listRoute, 2);
      try {
        const members = await s().adapter.listMembers();
        expect(members.length).toBeGreaterThan(0);
      } finally {
        stop();
      }
      // One refusal, then in: had it come back early (its own backoff), the window would have refused it again.
      expect(listAttempts().slice(0, 2)).toEqual([429, 200]);
    });

    it("gives up at once on a Retry-After longer than it will wait, with the provider's message", async () => {
      fault({ status: 429, retryAfter: 600, message: "Rate limit reached for requests" });
      const error = await providerError(s().adapter.listMembers());
      expect(error).toMatchObject({ provider: id, kind: "http", status: 429, message: "Rate limit reached for requests" });
      expect(listAttempts()).toEqual([429]);
    });

    it("retries a 500 a bounded number of times, then reports the provider's own message", async () => {
      fault({ status: 500, message: `${label} had a bad day` });
      const error = await providerError(s().adapter.listMembers());
      expect(error).toMatchObject({ provider: id, kind: "http", status: 500, message: `${label} had a bad day` });
      expect(listAttempts()).toEqual(Array(READ_ATTEMPTS).fill(500));
    });

    it("times out a hang on every attempt and names the provider", async () => {
      fault({ hang: true });
      const error = await providerError(s().adapter.listMembers());
      expect(error).toMatchObject({ provider: id, kind: "timeout", status: null });
      expect(error.message).toBe(`No answer within 0.3 s from ${label}`);
      // -1: the sandbox never answered.
      expect(listAttempts()).toEqual(Array(READ_ATTEMPTS).fill(-1));
    });

    it("reports malformed JSON clearly, after the bounded retries", async () => {
      fault({ malformed: true });
      const error = await providerError(s().adapter.listMembers());
      expect(error).toMatchObject({ provider: id, kind: "malformed", status: 200 });
      expect(error.message).toMatch(new RegExp(`^${label}'s answer was not valid JSON \\(\\{"object":"list"`));
      expect(listAttempts()).toHaveLength(READ_ATTEMPTS);
    });

    it("says the key was rejected, naming the provider, and does not retry a 401", async () => {
      const error = await providerError(s().expired.listMembers());
      expect(error).toMatchObject({ provider: id, kind: "http", status: 401 });
      // Arthur's fixed access token is short-lived: its message also says how to configure client credentials.
      const said = "Invalid authentication credentials";
      expect(error.message).toBe(
        id === "arthur" ? expiredAccessToken(said) : `${label} rejected Roster's API key, which may have expired or been revoked: ${said}`,
      );
      expect(listAttempts()).toEqual([401]);
    });
  });

  describe(`${label}: calls that create are sent once, whatever happens`, () => {
    const faults: Array<[string, FaultInput, (error: unknown) => void]> = [
      ["500", { status: 500, message: "Internal server error" }, (e) => expect(e).toMatchObject({ kind: "http", status: 500 })],
      ["503 with Retry-After: 0", { status: 503, retryAfter: 0 }, (e) => expect(e).toMatchObject({ kind: "http", status: 503 })],
      ["429 with Retry-After: 0", { status: 429, retryAfter: 0 }, (e) => expect(e).toMatchObject({ kind: "http", status: 429 })],
      ["a hang", { hang: true }, (e) => expect(e).toMatchObject({ kind: "timeout", message: `No answer within 0.3 s from ${label}` })],
    ];
    for (const [name, input, check] of faults) {
      it(`${name}: each creating call reaches ${label} exactly once`, async () => {
        for (const call of s().creates) {
          s().sandbox.running.faults.add(faultSchema.parse({ ...input, method: call.method, route: call.route }));
          const error = await providerError(call.send(freshEmail(id)));
          check(error);
          expect(error.provider).toBe(id);
          expect(requestsTo(s(), call.method, call.route), call.name).toHaveLength(1);
          s().sandbox.running.faults.clear();
        }
      });
    }
  });
}
