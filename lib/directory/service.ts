import { buildPeople, facetsOf, type IndexedPerson, queryPeople } from "./people";
import { getSnapshots, type SnapshotView } from "./snapshot";
import type { Facets, UsersQuery, UsersResponse } from "./types";
import { configuredProviders } from "../providers/registry";
import type { ProviderId } from "../providers/types";

/** The users directory: snapshots of every provider merged into people, queried. */

interface Index {
  versions: string;
  people: IndexedPerson[];
  facets: Facets;
}

const globalForIndex = globalThis as unknown as { __rosterPeopleIndex?: Index };

function indexFor(views: SnapshotView[]): Index {
  const versions = views.map((v) => `${v.provider.settings.id}:${v.version}`).join("|");
  const cached = globalForIndex.__rosterPeopleIndex;
  if (cached && cached.versions === versions) return cached;
  const people = buildPeople(views.flatMap((v) => v.members));
  const index = { versions, people, facets: facetsOf(people) };
  globalForIndex.__rosterPeopleIndex = index;
  return index;
}

export async function listUsers(query: UsersQuery): Promise<UsersResponse> {
  const views = await getSnapshots();
  const index = indexFor(views);
  const { people, total, page } = queryPeople(index.people, query);
  return { people, total, page, pageSize: query.pageSize, providers: views.map((v) => v.state), facets: index.facets };
}

/** Re-reads the named providers (all configured ones when none is named). */
export async function refresh(providers?: ProviderId[]) {
  const all = configuredProviders().map((p) => p.settings.id);
  const views = await getSnapshots({ force: providers?.length ? providers : all });
  return { providers: views.map((v) => v.state) };
}
