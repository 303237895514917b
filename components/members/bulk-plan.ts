import type { Membership, Person } from "@/lib/directory/types";
import { PROVIDER_IDS, type ProviderId } from "@/lib/providers/types";
import { findRole, type ProviderRole } from "@/lib/queries/roles";
import { providerLabel } from "@/components/providers/provider-meta";
import { subjectName } from "./member-dialog-state";

/** One change of a bulk run: one membership of one selected person. */
export interface BulkItem {
  key: string;
  personKey: string;
  name: string;
  membership: Membership;
}

export interface BulkSkip {
  key: string;
  name: string;
  reason: string;
}

export interface BulkPlan {
  items: BulkItem[];
  skipped: BulkSkip[];
}

function nameOf(person: Person): string {
  return subjectName(person, person.key);
}

/** Providers the selected people are on, with how many of them are on each. */
export function providersOfPeople(people: readonly Person[]): Array<{ provider: ProviderId; count: number }> {
  return PROVIDER_IDS.map((provider) => ({
    provider,
    count: people.filter((person) => person.memberships.some((m) => m.provider === provider)).length,
  })).filter((entry) => entry.count > 0);
}

/** Who gets `role` on `provider`, and who is skipped and why. */
export function planRoleChange(
  people: readonly Person[],
  provider: ProviderId,
  role: ProviderRole,
  roles: readonly ProviderRole[],
): BulkPlan {
  const plan: BulkPlan = { items: [], skipped: [] };
  for (const person of people) {
    const name = nameOf(person);
    const on = person.memberships.filter((m) => m.provider === provider);
    const member = on.find((m) => m.status !== "invited");
    if (!member) {
      plan.skipped.push({ key: person.key, name, reason: on.length > 0 ? "Invite still pending" : `Not on ${providerLabel(provider)}` });
    } else if (findRole(roles, member.role)?.id === role.id) {
      plan.skipped.push({ key: person.key, name, reason: `Already ${role.name}` });
    } else {
      plan.items.push({ key: `${person.key}|${provider}|${member.id}`, personKey: person.key, name, membership: member });
    }
  }
  return plan;
}

/** Every membership (or pending invite) of the selected people on the chosen providers. */
export function planRemoval(people: readonly Person[], providers: readonly ProviderId[]): BulkPlan {
  const plan: BulkPlan = { items: [], skipped: [] };
  const chosen = new Set(providers);
  for (const person of people) {
    const name = nameOf(person);
    const on = person.memberships.filter((m) => chosen.has(m.provider));
    if (on.length === 0) {
      plan.skipped.push({ key: person.key, name, reason: `Not on ${providers.map(providerLabel).join(" or ")}` });
    }
    for (const membership of on) {
      plan.items.push({ key: `${person.key}|${membership.provider}|${membership.id}`, personKey: person.key, name, membership });
    }
  }
  return plan;
}
