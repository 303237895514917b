import { INACTIVE_DAYS_OPTIONS } from "./constants";
import { activityFacets, buildIndex, type PeopleIndex, queryPeople } from "./people";
import { catchUp, getSnapshots, heldSnapshots, type SnapshotView } from "./snapshot";
import type { UsersQuery, UsersResponse } from "./types";
import { configuredProviders } from "../providers/registry";
import type { ProviderId } from "../providers/types";

/** The users directory: snapshots of every provider merged into people, queried. */

interface CachedIndex {
  versions: string;
  index: PeopleIndex;
}

const globalForIndex = globalThis as unknown as { __rosterPeopleIndex?: CachedIndex };

function indexFor(views: SnapshotView[]): PeopleIndex {
  const versions = views.map((v) => `${v.provider.settings.id}:${v.version}`).join("|");
  const cached = globalForIndex.__rosterPeopleIndex;
  if (cached && cached.versions === versions) return cached.index;
  const index = buildIndex(views.flatMap((v) => v.members));
  globalForIndex.__rosterPeopleIndex = { versions, index };
  return index;
}

/** The index of the directory as it stands now; it never changes once built (a change builds a new one). */
export async function currentIndex(): Promise<PeopleIndex> {
  return indexFor(await getSnapshots({ partial: true }));
}

/**
 * At server start (lib/startup.ts): the stored directory read and indexed before the first
 * request needs it, so a restarted server shows its last snapshot at once. Reads no provider.
 */
export async function warmDirectory(): Promise<void> {
  await catchUp();
  indexFor(heldSnapshots());
}

export async function listUsers(query: UsersQuery): Promise<UsersResponse> {
  const views = await getSnapshots({ partial: true });
  const index = indexFor(views);
  const { people, total, page } = queryPeople(index, query);
  return {
    people,
    total,
    page,
    pageSize: query.pageSize,
    providers: views.map((v) => v.state),
    facets: { ...index.facets, activity: activityFacets(index, INACTIVE_DAYS_OPTIONS) },
  };
}

/** Re-reads the named providers (all configured ones when none is named); `caller` is who asks (see getSnapshots). */
export async function refresh(providers?: ProviderId[], caller?: string) {
  const all = configuredProviders().map((p) => p.settings.id);
  const views = await getSnapshots({ force: providers?.length ? providers : all, caller });
  // Each sync is followed by a read of the providers' audit logs (a job; never on this request).
  const { readOutsideAfterSync } = await import("../jobs/outside-read");
  await readOutsideAfterSync(providers?.length ? providers : all);
  return { providers: views.map((v) => v.state) };
}
