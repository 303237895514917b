import type { ServiceAccountsResponse } from "../../lib/service-accounts/types";
import { expect, test } from "../fixtures";

/** `Idempotency-Key` on changes: one change per key, whichever client sends it, on every server (the key lives in the database). */

const run = Date.now().toString(36);
const key = (name: string) => `${name}-${run}-${Math.random().toString(36).slice(2)}`;

test.describe("Idempotency-Key", () => {
  test("two concurrent POSTs with the same key make one request; two approvals with one key create one Arthur service account, the repeat never carrying the secret", async ({
    as,
  }) => {
    const [admin, owner] = [await as("admin"), await as("owner")];
    const name = `idem-sa-${run}`;
    const headers = { "idempotency-key": key("sa") };
    const [a, b] = await Promise.all([
      admin.post("/api/service-accounts", { data: { name, role: "Organization Member" }, headers }),
      admin.post("/api/service-accounts", { data: { name, role: "Organization Member" }, headers }),
    ]);
    // The two-person rule holds it: both answers are the one request (a 202 carries no secret, so it is replayed).
    expect([a.status(), b.status()], `${await a.text()} / ${await b.text()}`).toEqual([202, 202]);
    expect((await a.json()).request.id).toBe((await b.json()).request.id);
    const id = (await a.json()).request.id as string;

    const approval = { "idempotency-key": key("sa-approve") };
    const [x, y] = await Promise.all([
      owner.post(`/api/invite-requests/${id}/approve`, { data: {}, headers: approval }),
      owner.post(`/api/invite-requests/${id}/approve`, { data: {}, headers: approval }),
    ]);
    const statuses = [x.status(), y.status()].sort();
    expect(statuses, `${await x.text()} / ${await y.text()}`).toEqual([200, 409]);
    const repeat = x.status() === 409 ? x : y;
    expect((await repeat.json()).error.code).toBe("idempotency_secret_not_kept");
    expect(await repeat.text()).not.toContain("clientSecret");
    const list = (await (await admin.get("/api/service-accounts")).json()) as ServiceAccountsResponse;
    expect(list.accounts.filter((account) => account.name === name)).toHaveLength(1);
  });

  test("two concurrent POSTs with the same key make one Arthur user request and both get the first answer", async ({ as }) => {
    const admin = await as("admin");
    const email = `idem-user-${run}@example.com`;
    const data = { firstName: "Idem", lastName: "Potent", email };
    const headers = { "idempotency-key": key("user") };
    const [a, b] = await Promise.all([
      admin.post("/api/arthur/users", { data, headers }),
      admin.post("/api/arthur/users", { data, headers }),
    ]);
    expect(a.status(), await a.text()).toBe(202);
    expect(b.status(), await b.text()).toBe(202);
    expect(await a.json()).toEqual(await b.json());
    expect([a.headers()["idempotent-replayed"], b.headers()["idempotent-replayed"]].sort()).toEqual(["true", undefined].sort());
    // Later, the same key still answers the first answer, and asks nothing again.
    const later = await admin.post("/api/arthur/users", { data, headers });
    expect(later.status()).toBe(202);
    expect(later.headers()["idempotent-replayed"]).toBe("true");
    const mine = (await (await admin.get("/api/invite-requests?mine=true&pageSize=200")).json()) as {
      requests: Array<{ change: { email?: string } | null }>;
    };
    expect(mine.requests.filter((r) => r.change?.email === email)).toHaveLength(1);
  });

  test("the same key with a different body is refused with a clear code; a bad key is refused", async ({ as }) => {
    const admin = await as("admin");
    const headers = { "idempotency-key": key("reuse") };
    const first = await admin.post("/api/arthur/users", {
      data: { firstName: "Reuse", email: `idem-reuse-${run}@example.com` },
      headers,
    });
    expect(first.status(), await first.text()).toBe(202);
    const other = await admin.post("/api/arthur/users", {
      data: { firstName: "Reuse", email: `idem-other-${run}@example.com` },
      headers,
    });
    expect(other.status()).toBe(422);
    const body = await other.json();
    expect(body.error.code).toBe("idempotency_key_reused");
    expect(body.error.message).toMatch(/Idempotency-Key/);
    const users = await (await admin.get(`/api/users?q=${encodeURIComponent(`idem-other-${run}`)}`)).json();
    expect(users.people).toHaveLength(0);

    const bad = await admin.post("/api/sync", { data: {}, headers: { "idempotency-key": "x".repeat(256) } });
    expect(bad.status()).toBe(422);
    expect((await bad.json()).error.details[0].field).toBe("Idempotency-Key");
  });

  test("a key is the operator's own: another operator's identical key is a new request", async ({ as }) => {
    const [admin, owner] = await Promise.all([as("admin"), as("owner")]);
    const headers = { "idempotency-key": key("scope") };
    const a = await admin.post("/api/service-accounts", { data: { name: `idem-a-${run}`, role: "Organization Member" }, headers });
    const b = await owner.post("/api/service-accounts", { data: { name: `idem-b-${run}`, role: "Organization Member" }, headers });
    expect(a.status()).toBe(202);
    expect(b.status(), await b.text()).toBe(202);
  });
});
