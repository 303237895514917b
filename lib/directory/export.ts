import { csvResponse } from "../csv";
import { allMatching } from "./people";
import { currentIndex } from "./service";
import type { Membership, Person, UsersQuery } from "./types";

/**
 * The people list as CSV, for access reviews: the users page's search, filters and sort
 * (the query of `GET /api/users`, without its pages), one row per person and provider
 * membership. With membership filters (provider, role, status, kind) only the memberships
 * that pass them all are listed, as the filters ask about memberships. Read from the
 * directory as it stood when the export began, a batch of people per read.
 */

const BATCH = 500;

const COLUMNS: Array<[string, (p: Person, m: Membership) => unknown]> = [
  ["email", (p) => p.email],
  ["name", (p) => p.name],
  ["provider", (_, m) => m.provider],
  ["member_id", (_, m) => m.id],
  ["role", (_, m) => m.role],
  ["workspace_roles", (_, m) => (m.scopedRoles ?? []).map((s) => `${s.scopeName}: ${s.role}`).join("; ")],
  ["status", (_, m) => m.status],
  ["kind", (_, m) => m.kind],
  ["managed_by_identity_provider", (_, m) => (m.managed ? "yes" : "no")],
  ["added_at", (_, m) => m.addedAt],
];

export const PEOPLE_CSV_HEADER = COLUMNS.map(([name]) => name);

function passes(m: Membership, q: UsersQuery): boolean {
  return (
    (!q.provider?.length || q.provider.includes(m.provider)) &&
    (!q.role?.length || q.role.includes(m.role)) &&
    (!q.status?.length || q.status.includes(m.status)) &&
    (!q.kind?.length || q.kind.includes(m.kind))
  );
}

export async function* peopleCsvRows(query: UsersQuery): AsyncGenerator<unknown[][]> {
  let rows: unknown[][] = [];
  let people = 0;
  for (const person of allMatching(await currentIndex(), query)) {
    for (const m of person.memberships) if (passes(m, query)) rows.push(COLUMNS.map(([, get]) => get(person, m)));
    if (++people % BATCH === 0 && rows.length > 0) {
      yield rows;
      rows = [];
    }
  }
  if (rows.length > 0) yield rows;
}

export function peopleCsvResponse(query: UsersQuery): Promise<Response> {
  return csvResponse("roster-people", PEOPLE_CSV_HEADER, peopleCsvRows(query));
}
