import type { Member } from "../providers/types";
import type { Facets, Membership, Person, UsersQuery } from "./types";

/**
 * People from members: one person per normalised email; members without an email
 * (service accounts) are people of their own. Pure functions, unit-tested.
 */

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function personKey(member: Pick<Member, "provider" | "id" | "email">): string {
  return member.email && member.email.trim() ? normaliseEmail(member.email) : `${member.provider}:${member.id}`;
}

function membershipOf(m: Member): Membership {
  return {
    provider: m.provider,
    id: m.id,
    role: m.role,
    status: m.status,
    kind: m.kind,
    addedAt: m.addedAt,
    managed: m.managed,
    ...(m.scopedRoles?.length
      ? { scopedRoles: m.scopedRoles.map((s) => ({ scopeId: s.scopeId, scopeName: s.scopeName, role: s.role })) }
      : {}),
  };
}

/** A person with precomputed sort and search keys. */
export interface IndexedPerson {
  person: Person;
  search: string;
  nameKey: string;
  firstAdded: string;
}

export function buildPeople(members: Iterable<Member>): IndexedPerson[] {
  const byKey = new Map<string, Person>();
  for (const member of members) {
    const key = personKey(member);
    let person = byKey.get(key);
    if (!person) {
      person = { key, email: member.email ? member.email.trim() : null, name: member.name.trim(), memberships: [] };
      byKey.set(key, person);
    } else if (!person.name && member.name.trim()) {
      person.name = member.name.trim();
    }
    person.memberships.push(membershipOf(member));
  }
  const out: IndexedPerson[] = [];
  for (const person of byKey.values()) {
    if (!person.name) person.name = person.email ? person.email.split("@")[0] : person.key;
    person.memberships.sort((a, b) => a.provider.localeCompare(b.provider));
    const added = person.memberships.map((m) => m.addedAt).filter((d): d is string => Boolean(d)).sort();
    out.push({
      person,
      search: `${person.name}\u0000${person.email ?? ""}`.toLowerCase(),
      nameKey: person.name.toLowerCase(),
      firstAdded: added[0] ?? "",
    });
  }
  return out;
}

function membershipMatches(m: Membership, q: UsersQuery): boolean {
  return (
    (!q.provider?.length || q.provider.includes(m.provider)) &&
    (!q.role?.length || q.role.includes(m.role)) &&
    (!q.status?.length || q.status.includes(m.status)) &&
    (!q.kind?.length || q.kind.includes(m.kind))
  );
}

const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });

/** The sort value, or null when a person has none (those sort last in either direction). */
function sortValue(p: IndexedPerson, sort: UsersQuery["sort"]): string | number | null {
  switch (sort) {
    case "email":
      return p.person.email;
    case "addedAt":
      return p.firstAdded || null;
    case "providers":
      return p.person.memberships.length;
    case "name":
    default:
      return p.nameKey;
  }
}

function compareValues(a: string | number, b: string | number): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  return collator.compare(String(a), String(b));
}

/** Search (name or email contains every word), membership filters, sort and one page. */
export function queryPeople(index: IndexedPerson[], q: UsersQuery): { people: Person[]; total: number; page: number } {
  const words = q.q.toLowerCase().split(/\s+/).filter(Boolean);
  const filtering = Boolean(q.provider?.length || q.role?.length || q.status?.length || q.kind?.length);
  const matched = index.filter(
    (p) =>
      words.every((w) => p.search.includes(w)) &&
      (!filtering || p.person.memberships.some((m) => membershipMatches(m, q))),
  );
  const direction = q.order === "desc" ? -1 : 1;
  const keyed = matched.map((p) => ({ p, value: sortValue(p, q.sort) }));
  keyed.sort((a, b) => {
    if (a.value === null || b.value === null) {
      if (a.value !== b.value) return a.value === null ? 1 : -1;
    } else {
      const order = compareValues(a.value, b.value) * direction;
      if (order) return order;
    }
    return a.p.person.key < b.p.person.key ? -1 : a.p.person.key > b.p.person.key ? 1 : 0;
  });
  const total = matched.length;
  const lastPage = Math.max(1, Math.ceil(total / q.pageSize));
  const page = Math.min(q.page, lastPage);
  const start = (page - 1) * q.pageSize;
  return { people: keyed.slice(start, start + q.pageSize).map((k) => k.p.person), total, page };
}

export function facetsOf(index: IndexedPerson[]): Facets {
  const counts = new Map<string, Facets["roles"][number]>();
  for (const { person } of index) {
    for (const m of person.memberships) {
      const key = `${m.provider}\u0000${m.role}`;
      const entry = counts.get(key) ?? { provider: m.provider, role: m.role, count: 0 };
      entry.count++;
      counts.set(key, entry);
    }
  }
  return { roles: [...counts.values()].sort((a, b) => a.provider.localeCompare(b.provider) || a.role.localeCompare(b.role)) };
}
