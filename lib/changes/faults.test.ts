import { PROVIDER_IDS } from "../providers/catalog";
import { describe, expect, it } from "vitest";
import { withSandboxWorld } from "../testing/sandbox-world";

/**
 * A role change while the provider is down and Roster has none of its roles kept (a
 * fresh server): the change fails with the provider's words and is still on the audit
 * log as a failed attempt. The Playwright fault matrix cannot reach this state, since
 * its server has read the roles long before. Real sandboxes, real database (PGlite, or
 * DATABASE_URL).
 */
const world = withSandboxWorld("change-faults", {
  sandbox: "all",
  port: process.env.ROSTER_CHANGE_FAULTS_TEST_PORT ?? "5580",
  env: { ROSTER_PROVIDER_TIMEOUT_MS: "500" },
  readDirectory: false,
  fresh: true,
});

const { faultSchema } = await import("../sandbox/faults");
const { listAudit } = await import("../audit/log");
const { changeRole } = await import("./members");

const ROLE = { openai: "reader", astronomer: "ORGANIZATION_MEMBER", arthur: "Organization Member" } as const;

describe("a role change on a provider that is down", () => {
  for (const provider of PROVIDER_IDS) {
    it(`${provider}: fails with the provider's words and is audited as a failure, roles unread or not`, async () => {
      const running = world.running(provider);
      running.faults.add(faultSchema.parse({ route: "*", status: 503, message: `${provider} is down for maintenance` }));
      const ctx = world.ctx(provider);
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
