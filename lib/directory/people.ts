import { normaliseEmail } from "../email";
import type { Member } from "../providers/types";
import { GRANT_VIAS } from "./constants";
import { SearchIndex, workspaceKey } from "./search-index";
import type { Facets, Membership, Person, UsersQuery } from "./types";

/**
 * People from members: one person per normalised email; members without an email
 * (service accounts) are people of their own. Pure functions, unit-tested.
 */

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
    ...(m.roleUnknown ? { roleUnknown: m.roleUnknown } : {}),
    ...(m.lastActiveAt !== undefined ? { lastActiveAt: m.lastActiveAt } : {}),
    ...(m.scopedRoles?.length
      ? {
          scopedRoles: m.scopedRoles.map((s) => ({
            ...(s.scope !== "workspace" ? { scope: s.scope } : {}),
            scopeId: s.scopeId,
            scopeName: s.scopeName,
            role: s.role,
            ...(s.via ? { via: s.via } : {}),
            ...(s.unreadable ? { unreadable: s.unreadable } : {}),
          })),
        }
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
 * The directory's index: every person once, the role facets, the search structures
 * (lib/directory/search-index.ts) and each sort order, computed when first asked for and
 * kept until the snapshot changes. A query is one scan for the search and filters and
 * one walk of a precomputed order, with no sorting; the benchmark measures it.
 */
export interface PeopleIndex {
  people: IndexedPerson[];
  /** The role facets; the activity ones depend on the time and are counted per query (activityFacets). */
  facets: Omit<Facets, "activity">;
  /** Each person's last activity over their memberships (epoch ms): -Infinity never active, NaN no provider tells. */
  lastActive: Float64Array;
  search: SearchIndex;
  orders: Map<string, Int32Array>;
}

export function buildIndex(members: Iterable<Member>): PeopleIndex {
  const people = buildPeople(members);
  const search = new SearchIndex(people.map((p) => ({ search: p.search, memberships: p.person.memberships })));
  return {
    people,
    facets: facetsOf(people),
    lastActive: Float64Array.from(people, (p) => lastActiveOf(p.person)),
    search,
    orders: new Map(),
  };
}

/** The latest activity any provider reports for the person (ms); -Infinity when they say never, NaN when none tells. */
export function lastActiveOf(person: Person): number {
  let latest = NaN;
  for (const m of person.memberships) {
    if (m.lastActiveAt === undefined) continue;
    const at = m.lastActiveAt === null ? -Infinity : Date.parse(m.lastActiveAt);
    if (Number.isNaN(at)) continue;
    if (Number.isNaN(latest) || at > latest) latest = at;
  }
  return latest;
}

const DAY_MS = 86_400_000;

/** Inactive for `days` at `now`: a known last activity (or never) before the cut-off; unknown is never inactive. */
function inactiveFor(lastActive: number, days: number, now: number): boolean {
  return lastActive < now - days * DAY_MS;
}

/** Counts for the "inactive for N days" filter's choices, never-active and unknown people, at `now`. */
export function activityFacets(index: PeopleIndex, options: readonly number[], now = Date.now()): Facets["activity"] {
  const inactive = options.map((days) => ({ days, count: 0 }));
  let never = 0;
  let unknown = 0;
  for (const at of index.lastActive) {
    if (Number.isNaN(at)) unknown++;
    else {
      if (at === -Infinity) never++;
      for (const entry of inactive) if (inactiveFor(at, entry.days, now)) entry.count++;
    }
  }
  return { inactive, never, unknown };
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

/** Person numbers in the order asked for (ties by key, people without a value last). */
function sortedBy(index: PeopleIndex, sort: UsersQuery["sort"], order: UsersQuery["order"]): Int32Array {
  const cacheKey = `${sort}:${order}`;
  const cached = index.orders.get(cacheKey);
  if (cached) return cached;
  const direction = order === "desc" ? -1 : 1;
  const values = index.people.map((p) => sortValue(p, sort));
  const keys = index.people.map((p) => p.person.key);
  const sorted = Int32Array.from(index.people.keys()).sort((a, b) => {
    const va = values[a];
    const vb = values[b];
    if (va === null || vb === null) {
      if (va !== vb) return va === null ? 1 : -1;
    } else if (va !== vb) {
      return (va < vb ? -1 : 1) * direction;
    }
    return keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : 0;
  });
  index.orders.set(cacheKey, sorted);
  return sorted;
}

/** Search (name or email contains every word), membership filters, sort and one page. */
/** Who matches (null marks: everyone) and the order asked for. */
function selection(index: PeopleIndex, q: UsersQuery, now = Date.now()): { marks: Uint8Array | null; ordered: Int32Array } {
  const words = q.q.toLowerCase().split(/\s+/).filter(Boolean);
  let marks = index.search.match(words, q);
  if (q.inactiveDays !== undefined) {
    marks ??= new Uint8Array(index.people.length).fill(1);
    for (let i = 0; i < marks.length; i++) if (marks[i] && !inactiveFor(index.lastActive[i], q.inactiveDays, now)) marks[i] = 0;
  }
  return { marks, ordered: sortedBy(index, q.sort, q.order) };
}

/** Every person the query matches, in its order (no pages): for exports. */
export function* allMatching(index: PeopleIndex, q: UsersQuery): Generator<Person> {
  const { marks, ordered } = selection(index, q);
  for (let r = 0; r < ordered.length; r++) if (!marks || marks[ordered[r]]) yield index.people[ordered[r]].person;
}

export function queryPeople(index: PeopleIndex, q: UsersQuery): { people: Person[]; total: number; page: number } {
  const { marks, ordered } = selection(index, q);
  let total = ordered.length;
  if (marks) {
    total = 0;
    for (let i = 0; i < marks.length; i++) total += marks[i];
  }
  const lastPage = Math.max(1, Math.ceil(total / q.pageSize));
  const page = Math.min(q.page, lastPage);
  const start = (page - 1) * q.pageSize;
  const out: Person[] = [];
  if (!marks) {
    for (let r = start; r < Math.min(total, start + q.pageSize); r++) out.push(index.people[ordered[r]].person);
  } else {
    let seen = 0;
    for (let r = 0; r < ordered.length && out.length < q.pageSize; r++) {
      const i = ordered[r];
      if (!marks[i]) continue;
      if (seen++ >= start) out.push(index.people[i].person);
    }
  }
  return { people: out, total, page };
}

export function facetsOf(index: IndexedPerson[]): Omit<Facets, "activity"> {
  const counts = new Map<string, Facets["roles"][number]>();
  for (const { person } of index) {
    for (const m of person.memberships) {
      const key = `${m.provider}\u0000${m.role}`;
      const entry = counts.get(key) ?? { provider: m.provider, role: m.role, count: 0 };
      entry.count++;
      counts.set(key, entry);
    }
  }
  const workspaces = new Map<string, Facets["workspaces"][number]>();
  const via = { group: 0, team: 0 };
  for (const { person } of index) {
    for (const m of person.memberships) {
      const kinds = new Set((m.scopedRoles ?? []).flatMap((s) => (s.via ? [s.via.kind] : [])));
      for (const kind of kinds) via[kind]++;
      // Each membership counts once per project or workspace, however many grants it holds there.
      const seen = new Set<string>();
      for (const s of m.scopedRoles ?? []) {
        if (s.scope === "organization") continue;
        const key = workspaceKey(m.provider, s.scopeId);
        if (seen.has(key)) continue;
        seen.add(key);
        const entry = workspaces.get(key) ?? {
          provider: m.provider,
          key,
          id: s.scopeId,
          name: s.scopeName,
          kind: s.scope === "project" ? ("project" as const) : ("workspace" as const),
          count: 0,
        };
        entry.count++;
        workspaces.set(key, entry);
      }
    }
  }
  return {
    roles: [...counts.values()].sort((a, b) => a.provider.localeCompare(b.provider) || a.role.localeCompare(b.role)),
    workspaces: [...workspaces.values()].sort((a, b) => a.provider.localeCompare(b.provider) || a.name.localeCompare(b.name)),
    via: GRANT_VIAS.map((kind) => ({ via: kind, count: via[kind] })),
  };
}
