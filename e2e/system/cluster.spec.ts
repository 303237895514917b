import type { APIRequestContext } from "@playwright/test";
import type { UsersResponse } from "../../lib/directory/types";
import { PROVIDER_IDS, type ProviderId } from "../../lib/providers/types";
import { createRequest, freshEmail, invitePostsOnSandbox, plainRoles, sendingEnded } from "../api/invite-helpers";
import { apiAs, expect, test } from "../fixtures";
import { type RosterServer, type Sandboxes, startRoster, startSandboxes } from "./servers";

/**
 * Two Roster servers on one Postgres, behind one (imagined) load balancer, sharing one
 * set of sandboxes: what one does, the other shows within its recheck interval
 * (ROSTER_DIRECTORY_RECHECK_MS, 1 s on Postgres), a session ended on one is refused there at
 * once and on the other within ROSTER_AUTH_CACHE_MS (2 s), and an invite request approved
 * on both at once is sent once.
 */

/** Longer than either bound, for a busy machine: what the other server shows must change by then. */
const WITHIN_BOUND = { timeout: 15_000, intervals: [100, 250, 500] };

const databaseUrl = process.env.ROSTER_TEST_DATABASE_URL;
const base = Number(process.env.ROSTER_SYSTEM_PORT ?? 5010);
const PROVIDERS: readonly ProviderId[] = PROVIDER_IDS;

async function users(api: APIRequestContext, query: string): Promise<UsersResponse> {
  const res = await api.get(`/api/users?pageSize=200&${query}`);
  expect(res.status(), await res.text()).toBe(200);
  return res.json();
}

async function listCalls(sandboxes: Sandboxes, provider: ProviderId): Promise<number> {
  const requests = await sandboxes.requests(provider);
  return requests.filter((r) => r.method === "GET" && /users$|members$|invites$/.test(r.pattern ?? "")).length;
}

test.describe("two Roster servers on one Postgres", () => {
  test.skip(!databaseUrl, "needs ROSTER_TEST_DATABASE_URL (PGlite is one process's database)");

  let sandboxes: Sandboxes;
  let a: RosterServer;
  let b: RosterServer;

  test.beforeAll(async () => {
    sandboxes = await startSandboxes(base + 10);
    [a, b] = await Promise.all([
      startRoster({ port: base, sandboxPort: base + 10, databaseUrl }),
      startRoster({ port: base + 1, sandboxPort: base + 10, databaseUrl }),
    ]);
  });
  test.afterAll(async () => {
    for (const server of [a, b]) server?.kill("SIGTERM");
    await Promise.all([a?.exited, b?.exited]);
    await sandboxes?.stop();
  });

  test("a role change through one server shows through the other within its recheck interval, with no list call", async () => {
    const adminA = await apiAs("admin", a.url);
    const viewerB = await apiAs("viewer", b.url);
    // Both servers hold the directory (B reads what A stored, or syncs itself).
    await adminA.post("/api/sync", { data: {} });
    const before = await users(viewerB, "provider=openai&status=active&kind=person&role=reader");
    const target = before.people.find((p) => p.memberships.some((m) => m.provider === "openai" && !m.managed))!;
    const membership = target.memberships.find((m) => m.provider === "openai")!;

    const lists = await Promise.all(PROVIDERS.map((p) => listCalls(sandboxes, p)));
    // Owner is admin-level: the admin asks through A, the owner approves (and so makes the change) through A.
    const asked = await adminA.patch(`/api/members/openai/${membership.id}`, { data: { role: "owner" } });
    expect(asked.status(), await asked.text()).toBe(202);
    const ownerA = await apiAs("owner", a.url);
    const approved = await ownerA.post(`/api/invite-requests/${((await asked.json()) as { request: { id: string } }).request.id}/approve`, {
      data: {},
    });
    expect(approved.status(), await approved.text()).toBe(200);
    await ownerA.dispose();

    const roleOn = async (api: APIRequestContext) =>
      (await users(api, `q=${encodeURIComponent(target.email!)}`)).people[0].memberships.find((m) => m.provider === "openai")?.role;
    await expect.poll(() => roleOn(viewerB), WITHIN_BOUND).toBe("owner");
    expect(await Promise.all(PROVIDERS.map((p) => listCalls(sandboxes, p))), "no provider list was read again").toEqual(lists);

    // And back (a plain role: no approval), through B this time, seen by A.
    const adminB = await apiAs("admin", b.url);
    expect((await adminB.patch(`/api/members/openai/${membership.id}`, { data: { role: "reader" } })).status()).toBe(200);
    await expect.poll(() => roleOn(adminA), WITHIN_BOUND).toBe("reader");
    await Promise.all([adminA.dispose(), viewerB.dispose(), adminB.dispose()]);
  });

  test("an invite request approved on both servers at once sends each invite once", async () => {
    const requester = await apiAs("requester", a.url);
    const ownerA = await apiAs("owner", a.url);
    const adminB = await apiAs("admin", b.url);
    const email = freshEmail("cluster");
    const created = await createRequest(requester, [email], await plainRoles(requester));

    const answers = await Promise.all([
      ownerA.post(`/api/invite-requests/${created.request.id}/approve`, { data: {} }),
      adminB.post(`/api/invite-requests/${created.request.id}/approve`, { data: {} }),
    ]);
    // One approval decides; the other finds it approved (a repeat approval is answered
    // with the request, 202) or lost the race to decide (409). Neither sends again: a job
    // on either server sends, each item claimed once.
    const statuses = answers.map((r) => r.status());
    for (const status of statuses) expect([202, 409]).toContain(status);
    expect(statuses).toContain(202);

    const seen = await sendingEnded(adminB, created.request.id);
    expect(seen.request.status).toBe("approved");
    expect(seen.request.items.map((i) => [i.state, i.attempts])).toEqual([
      ["sent", 1],
      ["sent", 1],
      ["sent", 1],
    ]);
    for (const provider of PROVIDERS) {
      expect(await invitePostsOnSandbox(provider, email, sandboxes.url), `${provider} invites for ${email}`).toBe(1);
    }
    await Promise.all([requester.dispose(), ownerA.dispose(), adminB.dispose()]);
  });

  test("a sign-out on one server is refused there at once, and on the other within its cache time", async () => {
    const requester = await apiAs("requester", a.url);
    const { cookies } = await requester.storageState();
    const session = cookies.find((c) => c.name.endsWith("next-auth.session-token"))!;
    const cookie = `${session.name}=${session.value}`;
    const statusOn = async (server: RosterServer) => (await fetch(`${server.url}/api/connections`, { headers: { cookie } })).status;
    // Both servers have now decoded the session and read the operator (and keep both for a while).
    expect(await statusOn(a)).toBe(200);
    expect(await statusOn(b)).toBe(200);

    const { csrfToken } = (await (await requester.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const out = await requester.post("/api/auth/signout", { form: { csrfToken, json: "true" }, maxRedirects: 0 });
    expect([200, 302]).toContain(out.status());
    expect(await statusOn(a), "the server that ended the session refuses it at the next request").toBe(401);
    await expect.poll(() => statusOn(b), WITHIN_BOUND).toBe(401);
    await requester.dispose();
  });
});
