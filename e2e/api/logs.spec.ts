import { PROVIDER_IDS } from "../../lib/providers/types";
import fs from "node:fs";
import type { UsersResponse } from "../../lib/directory/types";
import { E2E } from "../env";
import { apiAs, expect, freshWorld, sandbox, test } from "../fixtures";
import { throughApproval } from "./member-helpers";

/**
 * The server's structured log (ROSTER_LOG_FILE, set for the e2e server in
 * playwright.config.ts) records provider calls and failures, and never a credential:
 * not the sandbox token, an operator's password, a session cookie or a generated secret.
 */

const NEXTAUTH_SECRET = "e2e-only-secret-not-for-production-0123456789";

type Entry = Record<string, unknown> & { level: string; msg?: string };
type ProviderCall = { provider: string; method: string; path: string; status: number | null; ms: number; retry: number };

function logSize(): number {
  return fs.existsSync(E2E.logFile) ? fs.statSync(E2E.logFile).size : 0;
}

/** What the server logged since `offset`, as text and as parsed JSON lines. */
function logSince(offset: number): { text: string; entries: Entry[] } {
  const text = fs.readFileSync(E2E.logFile).subarray(offset).toString("utf8");
  const lines = text.split("\n").filter(Boolean);
  const entries = lines.map((line) => {
    expect(() => JSON.parse(line), `a JSON log line: ${line.slice(0, 200)}`).not.toThrow();
    return JSON.parse(line) as Entry;
  });
  return { text, entries };
}

test.describe("server logs", () => {
  test.afterAll(freshWorld);

  test("record provider calls and 5xx answers, with no token, password, cookie or secret", async ({ as }) => {
    const offset = logSize();
    const owner = await as("owner");
    const session = (await owner.storageState()).cookies.find((c) => c.name.includes("next-auth.session-token"));
    expect(session?.value, "a session cookie").toBeTruthy();

    // Reads from every provider.
    expect((await owner.post("/api/sync", { data: {} })).status()).toBe(200);

    // A change whose provider fails: the provider calls fail with 500 and Roster answers 502.
    const users = (await (await owner.get("/api/users?provider=openai&status=active&pageSize=5")).json()) as UsersResponse;
    const member = users.people[0].memberships.find((m) => m.provider === "openai")!;
    await sandbox.fault("openai", { route: "*", status: 500 });
    try {
      const failed = await owner.patch(`/api/members/openai/${encodeURIComponent(member.id)}`, { data: { role: "reader" } });
      expect(failed.status(), await failed.text()).toBeGreaterThanOrEqual(500);
    } finally {
      await sandbox.clearFaults("openai");
    }

    // Answers that carry secrets: a service account's client secret, a user's one-time password.
    // Both wait for a second admin (the two-person rule): the owner asks, an admin approves and gets the secret once.
    const admin = await apiAs("admin");
    const created = await throughApproval(
      await owner.post("/api/service-accounts", { data: { name: `logs-${Date.now().toString(36)}`, role: "Organization Member" } }),
      admin,
    );
    const { clientSecret } = created.secret as { clientSecret: string };
    const user = await throughApproval(
      await owner.post("/api/arthur/users", {
        data: { firstName: "Log", lastName: "Check", email: `log-check-${Date.now().toString(36)}@example.com` },
      }),
      admin,
    );
    const oneTimePassword = (user.secret as { password: string }).password;
    await admin.dispose();

    const { text, entries } = logSince(offset);
    for (const [what, secret] of [
      ["the sandbox token", E2E.sandboxToken],
      ["the operator password", E2E.password],
      ["the session cookie", session!.value],
      ["the client secret", clientSecret],
      ["the one-time password", oneTimePassword],
      ["NEXTAUTH_SECRET", NEXTAUTH_SECRET],
    ] as const) {
      expect.soft(text.includes(secret), `${what} is in the log`).toBe(false);
    }
    const calls = entries.filter((e) => e.providerCall).map((e) => e.providerCall as ProviderCall);
    // Provider calls are there, so this test cannot pass on an empty log.
    for (const provider of PROVIDER_IDS) {
      expect(
        calls.some((c) => c.provider === provider && c.method === "GET" && c.status === 200),
        `a ${provider} read`,
      ).toBe(true);
    }
    expect(
      calls.some((c) => c.provider === "openai" && c.status === 500),
      "the failing openai call",
    ).toBe(true);
    expect(
      calls.some((c) => c.provider === "arthur" && c.method === "POST" && c.status !== null && c.status < 300),
      "the arthur creations",
    ).toBe(true);
    for (const c of calls) expect(typeof c.ms).toBe("number");
    // The 5xx answer is logged at error level with the error and the request.
    const failure = entries.find(
      (e) => e.level === "error" && (e.req as { path?: string } | undefined)?.path?.startsWith("/api/members/openai/"),
    );
    expect(failure, "the 5xx is logged").toBeTruthy();
    expect(failure!.err).toBeTruthy();
    expect((failure!.req as { headers: Record<string, string> }).headers.cookie).toBe("[redacted]");
  });
});
