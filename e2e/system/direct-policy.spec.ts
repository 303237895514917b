import { expect, test } from "@playwright/test";
import type { RolesResponse } from "../../lib/changes/types";
import type { UsersResponse } from "../../lib/directory/types";
import { E2E } from "../env";
import { portFrom, RosterClient, startRoster, startSandboxes, tempDataDir } from "./servers";

/**
 * With ROSTER_DIRECT_INVITES=admins an admin acts alone, as with direct invites: a new
 * Arthur user, an admin-level grant and a new service account are made at once (200), with
 * no request. (The default, approval, is proven in e2e/api/change-requests.spec.ts.)
 */

const port = portFrom("ROSTER_DIRECT_POLICY_PORT", 5520);
const sandboxPort = portFrom("ROSTER_DIRECT_POLICY_SANDBOX_PORT", 5530);

test("the direct policy lets one admin create Arthur accounts and grant admin-level roles at once", async () => {
  const sandboxes = await startSandboxes(sandboxPort);
  const server = await startRoster({ port, sandboxPort, dataDir: tempDataDir("direct-policy"), env: { ROSTER_DIRECT_INVITES: "admins" } });
  try {
    const admin = await new RosterClient(server.url).signIn(E2E.operators.admin);
    const run = Date.now().toString(36);

    const user = await admin.call<{ account: { id: string; email: string }; password?: string }>("POST", "/api/arthur/users", {
      firstName: "Dee",
      email: `direct-${run}@example.com`,
      password: "chosen-by-the-admin-1",
    });
    expect(user.status, JSON.stringify(user.body)).toBe(200);
    expect(user.body.account.email).toBe(`direct-${run}@example.com`);
    expect(user.body.password).toBeUndefined();

    const account = await admin.call<{ credentials: { clientSecret: string } }>("POST", "/api/service-accounts", {
      name: `direct-${run}`,
      role: "Organization Member",
    });
    expect(account.status, JSON.stringify(account.body)).toBe(200);
    expect(account.body.credentials.clientSecret.length).toBeGreaterThanOrEqual(20);

    // A fresh server: the directory is read in full before a member is picked.
    expect((await admin.call("POST", "/api/sync", { provider: "openai" })).status).toBe(200);
    const roles = (await admin.get<RolesResponse>("/api/roles")).body.providers.find((p) => p.id === "openai")!;
    const owner = roles.roles.find((r) => r.adminLevel)!;
    const readers = (await admin.get<UsersResponse>("/api/users?pageSize=50&provider=openai&status=active&kind=person&role=reader")).body;
    const member = readers.people.flatMap((p) => p.memberships).find((m) => m.provider === "openai" && !m.managed)!;
    const grant = await admin.call<{ result: { after: { role: string } } }>(
      "PATCH",
      `/api/members/openai/${encodeURIComponent(member.id)}`,
      { role: owner.id },
    );
    expect(grant.status, JSON.stringify(grant.body)).toBe(200);
    expect(grant.body.result.after.role).toBe("owner");

    const requests = (await admin.get<{ total: number; policy: { directInvites: boolean } }>("/api/invite-requests")).body;
    expect(requests).toMatchObject({ total: 0, policy: { directInvites: true } });
  } finally {
    server.kill("SIGTERM");
    await server.exited;
    await sandboxes.stop();
  }
});
