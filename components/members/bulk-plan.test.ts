import { describe, expect, it } from "vitest";
import type { Membership, Person } from "@/lib/directory/types";
import type { ProviderRole } from "@/lib/queries/roles";
import { planRemoval, planRoleChange, providersOfPeople } from "./bulk-plan";

/** What a bulk change of the selected people will do, before anything is sent. */

const membership = (provider: Membership["provider"], id: string, role: string, status: Membership["status"] = "active"): Membership => ({
  provider,
  id,
  role,
  status,
  kind: "person",
  addedAt: null,
  managed: false,
});
const person = (key: string, name: string, memberships: Membership[]): Person => ({ key, email: key, name, memberships });
const role = (id: string, name = id): ProviderRole => ({
  id,
  name,
  scope: "organization",
  isOwner: id === "owner",
  adminLevel: id === "owner",
});

const ada = person("ada@example.com", "Ada", [membership("openai", "user-ada", "reader"), membership("arthur", "a1", "Member")]);
const bob = person("bob@example.com", "", [membership("openai", "user-bob", "owner")]);
const cy = person("cy@example.com", "Cy", [membership("openai", "invite-cy", "reader", "invited")]);
const dee = person("dee@example.com", "Dee", [membership("astronomer", "d1", "ORGANIZATION_MEMBER")]);

describe("bulk plans", () => {
  it("counts the selected people on each provider, in the catalog's order, leaving out providers nobody is on", () => {
    expect(providersOfPeople([dee, ada, bob])).toEqual([
      { provider: "openai", count: 2 },
      { provider: "astronomer", count: 1 },
      { provider: "arthur", count: 1 },
    ]);
    expect(providersOfPeople([])).toEqual([]);
  });

  it("a role change skips people not on the provider, with a pending invite, or already holding the role", () => {
    const roles = [role("owner"), role("reader")];
    const plan = planRoleChange([ada, bob, cy, dee], "openai", role("owner"), roles);
    expect(plan.items.map((i) => i.key)).toEqual(["ada@example.com|openai|user-ada"]);
    expect(plan.skipped).toEqual([
      // No name: the email names the person.
      { key: "bob@example.com", name: "bob@example.com", reason: "Already owner" },
      { key: "cy@example.com", name: "Cy", reason: "Invite still pending" },
      { key: "dee@example.com", name: "Dee", reason: "Not on OpenAI" },
    ]);
  });

  it("a role held under its id or its name counts as held (Arthur lists roles by id, members by name)", () => {
    const roles = [role("r-member", "Member"), role("r-admin", "Admin")];
    expect(planRoleChange([ada], "arthur", roles[0], roles).skipped).toEqual([
      { key: "ada@example.com", name: "Ada", reason: "Already Member" },
    ]);
    expect(planRoleChange([ada], "arthur", roles[1], roles).items).toHaveLength(1);
  });

  it("a removal takes every membership and pending invite on the chosen providers, and says who is on none", () => {
    const plan = planRemoval([ada, cy, dee], ["openai", "arthur"]);
    expect(plan.items.map((i) => i.key)).toEqual([
      "ada@example.com|openai|user-ada",
      "ada@example.com|arthur|a1",
      "cy@example.com|openai|invite-cy",
    ]);
    expect(plan.skipped).toEqual([{ key: "dee@example.com", name: "Dee", reason: "Not on OpenAI or Arthur" }]);
  });
});
