import { beforeAll, describe, expect, it } from "vitest";
import { withTempDatabase } from "../testing/temp-db";

/** The conditional UPDATEs that keep each invite sent at most once, on PGlite (or Postgres with DATABASE_URL). */
const { backend } = withTempDatabase("invites-test");

const { randomUUID } = await import("node:crypto");
const { getDb } = await import("../db");
const { operators } = await import("../db/schema");
const repo = await import("./repository");

const run = `${process.pid}-${Date.now()}`;
let requester: { id: string; email: string };
let admin: { id: string; email: string };

async function operator(name: string, role: string) {
  const db = await getDb();
  const [row] = await db
    .insert(operators)
    .values({ email: `${name}-${run}@example.com`, name, role })
    .returning();
  return { id: row.id, email: row.email };
}

async function newRequest(expiresAt = new Date(Date.now() + 86_400_000)) {
  return repo.insertRequest({
    id: randomUUID(),
    requester,
    reason: "test",
    createdAt: new Date(),
    expiresAt,
    items: [
      { email: `a-${run}@example.com`, provider: "openai", roleId: "reader", roleName: "reader" },
      { email: `a-${run}@example.com`, provider: "arthur", roleId: "r1", roleName: "Member" },
    ],
  });
}

const lease = () => new Date(Date.now() + 60_000);

describe(`invite requests in the database (${backend})`, () => {
  beforeAll(async () => {
    requester = await operator("requester", "requester");
    admin = await operator("admin", "admin");
  });

  it("lets only one of two simultaneous decisions through", async () => {
    const { request } = await newRequest();
    const by = { ...admin, reason: null };
    const results = await Promise.all([
      repo.decideRequest(request.id, "approved", by, new Date()),
      repo.decideRequest(request.id, "rejected", by, new Date()),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await repo.decideRequest(request.id, "approved", by, new Date())).toBeNull();
  });

  it("does not decide a request past its expiry, and expires it once", async () => {
    const { request } = await newRequest(new Date(Date.now() - 1000));
    expect(await repo.decideRequest(request.id, "approved", { ...admin, reason: null }, new Date())).toBeNull();
    const [first, second] = await Promise.all([repo.expireOverdue(new Date()), repo.expireOverdue(new Date())]);
    expect([...first, ...second].filter((r) => r.id === request.id)).toHaveLength(1);
    expect((await repo.findRequest(request.id))!.request.status).toBe("expired");
  });

  it("gives each queued item to one claimer only (a double click, two servers)", async () => {
    const { request } = await newRequest();
    const [a, b] = await Promise.all([repo.claimQueued(request.id, lease()), repo.claimQueued(request.id, lease())]);
    expect(a.length + b.length).toBe(2);
    expect([...a, ...b].every((item) => item.state === "sending" && item.attempts === 1)).toBe(true);
    expect(await repo.claimQueued(request.id, lease())).toEqual([]);
  });

  it("claims an item for a retry only as it was seen, and lets only the claim holder finish it", async () => {
    const { request } = await newRequest();
    const claimed = (await repo.claimQueued(request.id, lease())).find((i) => i.provider === "openai")!;
    await repo.finishItem(claimed, { state: "failed", errorStatus: null, errorMessage: "No answer", maybeSent: true });
    const seen = (await repo.findRequest(request.id))!.items.find((i) => i.id === claimed.id)!;
    expect(seen).toMatchObject({ state: "failed", maybeSent: true, leaseExpiresAt: null });

    const [x, y] = await Promise.all([repo.claimItem(seen, lease()), repo.claimItem(seen, lease())]);
    expect([x, y].filter(Boolean)).toHaveLength(1);
    const winner = (x ?? y)!;
    expect(winner.attempts).toBe(2);

    // The first claim is stale now: it cannot be renewed, and finishing with it changes nothing.
    expect(await repo.renewClaim(claimed, lease())).toBe(false);
    expect(await repo.renewClaim(winner, lease())).toBe(true);
    await repo.finishItem(claimed, { state: "sent" });
    expect((await repo.findRequest(request.id))!.items.find((i) => i.id === claimed.id)!.state).toBe("sending");
    await repo.finishItem(winner, { state: "sent", providerInviteId: "inv-1", maybeSent: false });
    expect((await repo.findRequest(request.id))!.items.find((i) => i.id === claimed.id)).toMatchObject({
      state: "sent",
      providerInviteId: "inv-1",
    });
    expect(await repo.requestIdsByInvite("openai", ["inv-1"])).toEqual(new Map([["inv-1", request.id]]));
  });

  it("writes the ledger entry of a sent Arthur invite with the item, once", async () => {
    const { request } = await newRequest();
    const claimed = (await repo.claimQueued(request.id, lease())).find((i) => i.provider === "arthur")!;
    const ledger = { provider: "arthur" as const, roleId: "r1", roleName: "Member" };
    const { ledgerId } = await repo.finishItem(claimed, { state: "sent", ledger });
    expect(ledgerId).toBeTruthy();
    expect(await repo.finishItem(claimed, { state: "sent", ledger })).toEqual({ ledgerId: null });
    const entries = await repo.ledgerEntries("arthur", [`a-${run}@example.com`]);
    expect(entries.filter((e) => e.requestId === request.id)).toHaveLength(1);
  });

  it("lists requests newest first, filtered by status and requester", async () => {
    const { rows, total } = await repo.listRequests({ statuses: ["pending"], requesterId: requester.id, page: 1, pageSize: 50 });
    expect(total).toBe(rows.length);
    expect(rows.every((r) => r.request.status === "pending" && r.items.length === 2)).toBe(true);
  });
});
