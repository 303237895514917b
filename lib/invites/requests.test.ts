import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTempDatabase } from "../testing/temp-db";

/**
 * The invite request service against the real sandboxes and a real database (PGlite):
 * what the Playwright tests cannot set up from outside — the direct-invite policy, expiry,
 * and an item left `sending` by a server that died.
 */
withTempDatabase("invite-service-test");
const basePort = 20_000 + Math.floor(Math.random() * 20_000);
Object.assign(process.env, {
  ROSTER_SANDBOX: "all",
  ROSTER_SANDBOX_PORT: String(basePort),
  ROSTER_PROVIDER_TIMEOUT_MS: "1000",
  ROSTER_DIRECT_INVITES: "admins",
});

const { eq } = await import("drizzle-orm");
const { getDb } = await import("../db");
const { inviteRequestItems, inviteRequests, operators } = await import("../db/schema");
const { startConfiguredSandboxes } = await import("../sandbox/start");
const { listAudit } = await import("../audit/log");
const { configuredProvider } = await import("../providers/registry");
const service = await import("./requests");
const { claimQueued } = await import("./repository");

type Ctx = Parameters<typeof service.createInviteRequest>[0];
let admin: Ctx;
let requester: Ctx;
let owner: Ctx;
let sandboxes: Awaited<ReturnType<typeof startConfiguredSandboxes>>;

async function operator(email: string, role: "admin" | "requester" | "owner"): Promise<Ctx> {
  const db = await getDb();
  const [row] = await db.insert(operators).values({ email, name: email, role }).returning();
  return { operator: { id: row.id, email: row.email, name: row.name, role }, requestId: `test-${role}` };
}

function invitePosts(provider: "openai" | "arthur", email: string): number {
  const running = sandboxes.running.find((r) => r.provider === provider)!;
  return running.requests.filter(
    (r) =>
      r.method === "POST" &&
      /invite/.test(r.pattern ?? "") &&
      r.status >= 200 &&
      r.status < 300 &&
      (r.body as { email?: string })?.email === email,
  ).length;
}

const ask = (ctx: Ctx, email: string, direct = false) =>
  service.createInviteRequest(ctx, {
    emails: [email],
    providers: [
      { provider: "openai", role: "reader" },
      { provider: "arthur", role: "Organization Member" },
    ],
    reason: "test",
    direct,
  });

describe("invite request service", () => {
  beforeAll(async () => {
    sandboxes = await startConfiguredSandboxes();
    admin = await operator("admin@test.example", "admin");
    owner = await operator("owner@test.example", "owner");
    requester = await operator("requester@test.example", "requester");
  });
  afterAll(async () => {
    await sandboxes?.close();
  });

  it("sends an admin's direct invite at once when the policy allows it, and audits it as approved", async () => {
    const { request } = await ask(admin, "direct@example.com", true);
    expect(request).toMatchObject({ status: "approved", decidedBy: { id: admin.operator.id }, counts: { sent: 2 } });
    expect(invitePosts("openai", "direct@example.com")).toBe(1);
    const { events } = await listAudit({ action: "approve_request", page: 1, pageSize: 5 });
    expect(events[0]).toMatchObject({ outcome: "success", target: { id: request.id }, after: { direct: true } });
  });

  it("never lets a requester invite directly", async () => {
    await expect(ask(requester, "nodirect@example.com", true)).rejects.toMatchObject({ status: 403 });
  });

  it("expires a pending request past its expiry on the next read, audited, and refuses to approve it", async () => {
    const { request } = await ask(requester, "late@example.com");
    const db = await getDb();
    await db
      .update(inviteRequests)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(inviteRequests.id, request.id));
    expect((await service.getInviteRequest(request.id)).request.status).toBe("expired");
    await expect(service.approveInviteRequest(admin, request.id)).rejects.toMatchObject({ status: 409, code: "not_pending" });
    const { events } = await listAudit({ action: "expire_request", page: 1, pageSize: 5 });
    expect(events[0]).toMatchObject({ outcome: "success", target: { id: request.id }, actor: { role: "system" } });
    expect(invitePosts("openai", "late@example.com")).toBe(0);
  });

  it("reconciles items a dead server left `sending`: sent ones are found, not sent again; the others are sent", async () => {
    const { request } = await ask(requester, "crash@example.com");
    const db = await getDb();
    await db.update(inviteRequests).set({ status: "approved", decidedBy: owner.operator.id }).where(eq(inviteRequests.id, request.id));
    // The dead server claimed both items, and its OpenAI send reached the provider; its Arthur send never left.
    const claimed = await claimQueued(request.id, new Date(Date.now() + 60_000));
    expect(claimed).toHaveLength(2);
    await configuredProvider("openai").adapter!.invite({ email: "crash@example.com", role: "reader" });

    // While the dead server's lease runs, a retry leaves its items alone.
    const early = await service.retryInviteRequest(admin, request.id);
    expect(early.request.items.map((i) => i.state)).toEqual(["sending", "sending"]);

    await db
      .update(inviteRequestItems)
      .set({ leaseExpiresAt: new Date(Date.now() - 1000) })
      .where(eq(inviteRequestItems.requestId, request.id));
    const retried = await service.retryInviteRequest(admin, request.id);
    const byProvider = Object.fromEntries(retried.request.items.map((i) => [i.provider, i]));
    expect(byProvider.openai).toMatchObject({ state: "sent", attempts: 2 });
    expect(byProvider.openai.providerInviteId).toBeTruthy();
    expect(byProvider.arthur).toMatchObject({ state: "sent", attempts: 2 });
    expect(invitePosts("openai", "crash@example.com")).toBe(1);
    expect(invitePosts("arthur", "crash@example.com")).toBe(1);
  });
});
