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
  /** Sort keys: plain strings comparable with `<` (see collationKey), null when the person has none. */
  name: string;
  email: string | null;
  firstAdded: string | null;
}

/**
 * A key that sorts with plain `<` the way people expect names to sort: case and accents
 * ignored, numbers by value ("user 2" before "user 10"). Computed once per person, so a
 * sort is string comparisons only (an Intl.Collator per comparison is ~10× slower).
 */
export function collationKey(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/\d+/g, (digits) => digits.replace(/^0+(?=\d)/, "").padStart(16, "0"));
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
    let firstAdded: string | null = null;
    for (const m of person.memberships) if (m.addedAt && (firstAdded === null || m.addedAt < firstAdded)) firstAdded = m.addedAt;
    out.push({
      person,
      search: `${person.name}\u0000${person.email ?? ""}`.toLowerCase(),
      name: collationKey(person.name),
      email: person.email ? collationKey(person.email) : null,
      firstAdded,
    });
  }
  return out;
}

/**
 * The directory's index: every person once, the role facets, and each sort order,
 * computed when first asked for and kept until the snapshot changes. A query walks one
 * precomputed order and tests each person (a substring test on a short lower-case
 * string), so it costs one pass with no sorting; the benchmark measures it.
 */
export interface PeopleIndex {
  people: IndexedPerson[];
  facets: Facets;
  orders: Map<string, IndexedPerson[]>;
}

export function buildIndex(members: Iterable<Member>): PeopleIndex {
  const people = buildPeople(members);
  return { people, facets: facetsOf(people), orders: new Map() };
}

function membershipMatches(m: Membership, q: UsersQuery): boolean {
  return (
    (!q.provider?.length || q.provider.includes(m.provider)) &&
    (!q.role?.length || q.role.includes(m.role)) &&
    (!q.status?.length || q.status.includes(m.status)) &&
    (!q.kind?.length || q.kind.includes(m.kind))
  );
}

/** The sort value, or null when a person has none (those sort last in either direction). */
function sortValue(p: IndexedPerson, sort: UsersQuery["sort"]): string | number | null {
  switch (sort) {
    case "email":
      return p.email;
    case "addedAt":
      return p.firstAdded;
    case "providers":
      return p.person.memberships.length;
    case "name":
    default:
      return p.name;
  }
}

function sortedBy(index: PeopleIndex, sort: UsersQuery["sort"], order: UsersQuery["order"]): IndexedPerson[] {
  const cacheKey = `${sort}:${order}`;
  const cached = index.orders.get(cacheKey);
  if (cached) return cached;
  const direction = order === "desc" ? -1 : 1;
  const keyed = index.people.map((p) => ({ p, value: sortValue(p, sort) }));
  keyed.sort((a, b) => {
    if (a.value === null || b.value === null) {
      if (a.value !== b.value) return a.value === null ? 1 : -1;
    } else if (a.value !== b.value) {
      return (a.value < b.value ? -1 : 1) * direction;
    }
    return a.p.person.key < b.p.person.key ? -1 : a.p.person.key > b.p.person.key ? 1 : 0;
  });
  const sorted = keyed.map((k) => k.p);
  index.orders.set(cacheKey, sorted);
  return sorted;
}

/** Search (name or email contains every word), membership filters, sort and one page. */
export function queryPeople(index: PeopleIndex, q: UsersQuery): { people: Person[]; total: number; page: number } {
  const words = q.q.toLowerCase().split(/\s+/).filter(Boolean);
  const filtering = Boolean(q.provider?.length || q.role?.length || q.status?.length || q.kind?.length);
  const ordered = sortedBy(index, q.sort, q.order);
  const matched =
    words.length === 0 && !filtering
      ? ordered
      : ordered.filter(
          (p) =>
            words.every((w) => p.search.includes(w)) &&
            (!filtering || p.person.memberships.some((m) => membershipMatches(m, q))),
        );
  const total = matched.length;
  const lastPage = Math.max(1, Math.ceil(total / q.pageSize));
  const page = Math.min(q.page, lastPage);
  const start = (page - 1) * q.pageSize;
  return { people: matched.slice(start, start + q.pageSize).map((p) => p.person), total, page };
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
