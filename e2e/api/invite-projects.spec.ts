import type { APIRequestContext } from "@playwright/test";
import type { UsersResponse } from "../../lib/directory/types";
import type { InviteRequestResponse } from "../../lib/invites/types";
import { E2E } from "../env";
import { FAULTS } from "../faults";
import { expect, inFreshWorld, sandbox, test } from "../fixtures";
import { approve, freshEmail, inviteRoute, invitesOnSandbox } from "./invite-helpers";

/**
 * Inviting to OpenAI with projects (issue 15): the request keeps the projects and their
 * project roles, the invite sent carries them (`projects: [{ id, role }]`), and the invitee
 * is in those projects, and only those, once they accept. No project chosen: none at all.
 */

const AUTH = { authorization: "Bearer sandbox" };

async function request(
  api: APIRequestContext,
  email: string,
  projects?: Array<{ id: string; role: string }>,
): Promise<InviteRequestResponse> {
  const res = await api.post("/api/invite-requests", {
    data: {
      emails: [email],
      providers: [{ provider: "openai", role: "reader", ...(projects ? { projects } : {}) }],
      reason: "Joins research",
    },
  });
  expect(res.status(), await res.text()).toBe(200);
  return res.json();
}

/** The invite as the OpenAI sandbox holds it. */
async function sandboxInvite(id: string): Promise<{ projects: Array<{ id: string; role: string }> }> {
  const res = await fetch(`${E2E.sandbox.openai}/v1/organization/invites/${encodeURIComponent(id)}`, { headers: AUTH });
  expect(res.status).toBe(200);
  return res.json();
}

/** The invitee follows the email's link (a sandbox control). */
async function accept(inviteId: string) {
  const res = await fetch(`${E2E.sandbox.openai}/__sandbox/openai/accept-invite`, {
    method: "POST",
    body: JSON.stringify({ id: inviteId }),
  });
  expect(res.status, await res.text()).toBe(200);
}

test.describe("invites with OpenAI projects", () => {
  inFreshWorld(test, "each");

  test("the invite carries the chosen projects and roles; on accepting the person is in exactly those", async ({ as }) => {
    const requester = await as("requester");
    const admin = await as("admin");
    const email = freshEmail("projects");
    const created = await request(requester, email, [
      { id: "proj_research", role: "owner" },
      { id: "proj_support", role: "Member" },
    ]);
    expect(created.request.providers).toEqual([
      {
        provider: "openai",
        role: "reader",
        projects: [
          { id: "proj_research", role: "owner", name: "Research" },
          { id: "proj_support", role: "member", name: "Support assistant" },
        ],
      },
    ]);
    const approved = await approve(admin, created.request.id);
    const item = approved.request.items[0];
    expect(item).toMatchObject({ state: "sent", projects: [{ id: "proj_research" }, { id: "proj_support" }] });
    expect((await sandboxInvite(item.providerInviteId!)).projects).toEqual([
      { id: "proj_research", role: "owner" },
      { id: "proj_support", role: "member" },
    ]);

    await accept(item.providerInviteId!);
    expect((await admin.post("/api/sync", { data: { provider: "openai" } })).status()).toBeLessThan(300);
    await expect
      .poll(async () => {
        const users = (await (await admin.get(`/api/users?q=${encodeURIComponent(email)}`)).json()) as UsersResponse;
        const openai = users.people[0]?.memberships.find((m) => m.provider === "openai" && m.status === "active");
        return openai?.scopedRoles?.map((s) => [s.scopeId, s.role]) ?? null;
      })
      .toEqual([
        ["proj_research", "owner"],
        ["proj_support", "member"],
      ]);
  });

  test("no project chosen sends an empty list: the invitee does not land in the Default project", async ({ as }) => {
    const requester = await as("requester");
    const admin = await as("admin");
    const created = await request(requester, freshEmail("noproject"));
    expect(created.request.providers).toEqual([{ provider: "openai", role: "reader" }]);
    const approved = await approve(admin, created.request.id);
    expect((await sandboxInvite(approved.request.items[0].providerInviteId!)).projects).toEqual([]);
  });

  // The fault matrix for the new request shape: each answered fault fails the item alone with OpenAI's status, and nothing is invited.
  for (const fault of FAULTS.filter((f) => f.status !== null && f.status !== 200)) {
    test(`an invite with projects meeting ${fault.name} fails with OpenAI's status, nothing sent`, async ({ as }) => {
      const requester = await as("requester");
      const admin = await as("admin");
      const email = freshEmail("projfault");
      const created = await request(requester, email, [{ id: "proj_research", role: "member" }]);
      await sandbox.fault("openai", { method: "POST", route: inviteRoute("openai"), ...fault.input("OpenAI") });
      try {
        const approved = await approve(admin, created.request.id);
        expect(approved.request.items[0]).toMatchObject({ state: "failed", error: { status: fault.status } });
        expect(approved.request.items[0].error!.message).toContain(fault.message("OpenAI").split(":").pop()!.trim());
      } finally {
        await sandbox.clearFaults("openai");
      }
      expect(await invitesOnSandbox("openai", email)).toBe(0);
    });
  }

  test("unknown projects, project roles and projects on another provider get 422 naming the field", async ({ as }) => {
    const requester = await as("requester");
    const ok = { emails: [freshEmail("bad")], reason: "Analyst" };
    const cases: Array<[unknown, RegExp]> = [
      [
        { ...ok, providers: [{ provider: "openai", role: "reader", projects: [{ id: "proj_nope", role: "member" }] }] },
        /^providers\.0\.projects\.0\.id: "proj_nope" is not a project/,
      ],
      [
        { ...ok, providers: [{ provider: "openai", role: "reader", projects: [{ id: "proj_research", role: "reader" }] }] },
        /^providers\.0\.projects\.0\.role: "reader" is not a project role/,
      ],
      [
        {
          ...ok,
          providers: [
            {
              provider: "openai",
              role: "reader",
              projects: [
                { id: "proj_research", role: "member" },
                { id: "proj_research", role: "owner" },
              ],
            },
          ],
        },
        /providers\.0\.projects: projects must name each project once/,
      ],
      [
        { ...ok, providers: [{ provider: "arthur", role: "Organization Member", projects: [{ id: "proj_research", role: "member" }] }] },
        /providers\.0\.projects: projects are OpenAI's only/,
      ],
      [
        { ...ok, providers: [{ provider: "openai", role: "reader", projects: [{ id: "proj_research" }] }] },
        /providers\.0\.projects\.0\.role/,
      ],
    ];
    for (const [data, message] of cases) {
      const res = await requester.post("/api/invite-requests", { data });
      expect(res.status(), JSON.stringify(data)).toBe(422);
      expect((await res.json()).error.message, JSON.stringify(data)).toMatch(message);
    }
  });
});
