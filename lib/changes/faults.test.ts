import { PROVIDER_IDS } from "../providers/catalog";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTempDatabase } from "../testing/temp-db";

/**
 * A role change while the provider is down and Roster has none of its roles kept (a
 * fresh server): the change fails with the provider's words and is still on the audit
 * log as a failed attempt. The Playwright fault matrix cannot reach this state, since
 * its server has read the roles long before. Real sandboxes, real database (PGlite, or
 * DATABASE_URL).
 */
withTempDatabase("change-faults-test");
Object.assign(process.env, {
  ROSTER_SANDBOX: "all",
  ROSTER_SANDBOX_PORT: process.env.ROSTER_CHANGE_FAULTS_TEST_PORT ?? "5580",
  ROSTER_PROVIDER_TIMEOUT_MS: "500",
});

const { getDb } = await import("../db");
const { operators } = await import("../db/schema");
const { startConfiguredSandboxes } = await import("../sandbox/start");
const { faultSchema } = await import("../sandbox/faults");
const { listAudit } = await import("../audit/log");
const { changeRole } = await import("./members");

type Ctx = Parameters<typeof changeRole>[0];
let admin: Ctx;
let sandboxes: Awaited<ReturnType<typeof startConfiguredSandboxes>>;

const ROLE = { openai: "reader", astronomer: "ORGANIZATION_MEMBER", arthur: "Organization Member" } as const;

describe("a role change on a provider that is down", () => {
  beforeAll(async () => {
    sandboxes = await startConfiguredSandboxes();
    expect(sandboxes.reused).toEqual([]);
    const db = await getDb();
    const email = `change-faults-${Date.now()}@test.example`;
    const [row] = await db.insert(operators).values({ email, name: email, role: "admin" }).returning();
    admin = { operator: { id: row.id, email: row.email, name: row.name, role: "admin" }, requestId: "" };
  });
  afterAll(async () => {
    await sandboxes?.close();
  });

  for (const provider of PROVIDER_IDS) {
    it(`${provider}: fails with the provider's words and is audited as a failure, roles unread or not`, async () => {
      const running = sandboxes.running.find((r) => r.provider === provider)!;
      running.faults.add(faultSchema.parse({ route: "*", status: 503, message: `${provider} is down for maintenance` }));
      const ctx = { ...admin, requestId: `change-faults-${provider}-${Date.now()}` };
      try {
        await expect(changeRole(ctx, { provider, memberId: "someone", role: ROLE[provider] })).rejects.toMatchObject({
          provider,
          status: 503,
          message: `${provider} is down for maintenance`,
        });
      } finally {
        running.faults.clear();
      }
      const { events } = await listAudit({ provider, action: "change_role", page: 1, pageSize: 5 });
      expect(events.find((e) => e.requestId === ctx.requestId)).toMatchObject({
        outcome: "failure",
        target: { id: "someone" },
        providerStatus: 503,
        providerMessage: `${provider} is down for maintenance`,
      });
    });
  }
});
