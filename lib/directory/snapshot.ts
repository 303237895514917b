import { ledgerEntries } from "../invites/repository";
import { hasJoined } from "../invites/rules";
import { configuredProviders, type ConfiguredProvider } from "../providers/registry";
import { isProviderError } from "../providers/errors";
import type { Invite, ListProgress, Member, ProviderId } from "../providers/types";
import { recordSync } from "./sync-log";
import type { ProviderState } from "./types";

/**
 * One snapshot per provider: every member and pending invite, read from the provider
 * across all pages, kept for a freshness window. A stale snapshot is served at once
 * and refreshed in the background; a failed refresh keeps the last good data and
 * reports the error for that provider only.
 */

interface Snapshot {
  members: Member[];
  fetchedAt: number | null;
  error: { status: number | null; message: string } | null;
  inflight: Promise<void> | null;
  progress: ListProgress | null;
  /** Bumped whenever `members` changes, so derived indexes know to rebuild. */
  version: number;
}

const globalForSnapshots = globalThis as unknown as { __rosterSnapshots?: Map<ProviderId, Snapshot> };

function store(): Map<ProviderId, Snapshot> {
  globalForSnapshots.__rosterSnapshots ??= new Map();
  return globalForSnapshots.__rosterSnapshots;
}

function snapshotOf(id: ProviderId): Snapshot {
  const map = store();
  let snap = map.get(id);
  if (!snap) {
    snap = { members: [], fetchedAt: null, error: null, inflight: null, progress: null, version: 0 };
    map.set(id, snap);
  }
  return snap;
}

export function freshnessMs(env: NodeJS.ProcessEnv = process.env): number {
  const seconds = Number(env.ROSTER_SYNC_FRESH_SECONDS ?? 300);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 300_000;
}

function inviteAsMember(invite: Invite): Member {
  return {
    provider: invite.provider,
    id: invite.id,
    email: invite.email,
    name: "",
    role: invite.role,
    roleId: invite.role,
    status: "invited",
    kind: "person",
    addedAt: invite.createdAt,
    managed: false,
  };
}

/** Members plus pending invites for people who are not members yet. */
export function mergeInvites(members: Member[], invites: Invite[]): Member[] {
  const emails = new Set(members.map((m) => m.email?.trim().toLowerCase()).filter(Boolean));
  return [...members, ...invites.filter((i) => !emails.has(i.email.trim().toLowerCase())).map(inviteAsMember)];
}

/**
 * A provider that lists no invites (Arthur) shows an invited person as an account of
 * their own: Roster's ledger of the invites it sent there tells which accounts are
 * still invitations (until the person has joined).
 */
async function withLedgerInvites(provider: ConfiguredProvider, members: Member[]): Promise<Member[]> {
  if (provider.adapter!.capabilities.listInvites) return members;
  let invited: Set<string>;
  try {
    invited = new Set((await ledgerEntries(provider.settings.id)).map((e) => e.email));
  } catch (error) {
    console.error(`[roster] could not read the ${provider.settings.id} invite ledger:`, error);
    return members;
  }
  if (invited.size === 0) return members;
  return members.map((m) =>
    m.email && invited.has(m.email.trim().toLowerCase()) && !hasJoined(m) ? { ...m, status: "invited" } : m,
  );
}

function errorOf(error: unknown): { status: number | null; message: string } {
  if (isProviderError(error)) return { status: error.status, message: error.message };
  return { status: null, message: error instanceof Error ? error.message : String(error) };
}

function sync(provider: ConfiguredProvider): Promise<void> {
  const snap = snapshotOf(provider.settings.id);
  if (snap.inflight) return snap.inflight;
  const adapter = provider.adapter!;
  snap.progress = { fetched: 0, total: null };
  snap.inflight = (async () => {
    try {
      const [members, invites] = await Promise.all([
        adapter.listMembers({ onProgress: (p) => (snap.progress = p) }),
        adapter.capabilities.listInvites ? adapter.listInvites() : Promise.resolve([]),
      ]);
      snap.members = mergeInvites(await withLedgerInvites(provider, members), invites);
      snap.fetchedAt = Date.now();
      snap.error = null;
      snap.version++;
      recordSync(provider.settings.id, { ok: true, count: snap.members.length });
    } catch (error) {
      snap.error = errorOf(error);
      recordSync(provider.settings.id, { ok: false, error: snap.error });
    } finally {
      snap.inflight = null;
      snap.progress = null;
    }
  })();
  return snap.inflight;
}

export interface SnapshotView {
  provider: ConfiguredProvider;
  members: Member[];
  version: number;
  state: ProviderState;
}

function view(provider: ConfiguredProvider): SnapshotView {
  const id = provider.settings.id;
  const snap = snapshotOf(id);
  const configured = provider.adapter !== null;
  return {
    provider,
    members: snap.members,
    version: snap.version,
    state: {
      id,
      label: provider.label,
      mode: provider.settings.mode,
      ok: !configured || snap.error === null,
      fetchedAt: snap.fetchedAt ? new Date(snap.fetchedAt).toISOString() : null,
      count: snap.members.length,
      syncing: snap.inflight !== null,
      ...(snap.progress ? { progress: snap.progress } : {}),
      ...(snap.error ? { error: snap.error } : {}),
    },
  };
}

/**
 * Current snapshots of every provider. Waits for a provider that has no data yet (or
 * that `force` names); serves stale data at once and refreshes it in the background.
 */
export async function getSnapshots(options: { force?: ProviderId[] } = {}): Promise<SnapshotView[]> {
  const providers = configuredProviders();
  const maxAge = freshnessMs();
  const waits: Promise<void>[] = [];
  for (const provider of providers) {
    if (!provider.adapter) continue;
    const snap = snapshotOf(provider.settings.id);
    const forced = options.force?.includes(provider.settings.id) ?? false;
    const empty = snap.fetchedAt === null;
    const stale = !empty && Date.now() - snap.fetchedAt! > maxAge;
    if (forced || empty) waits.push(sync(provider));
    else if (stale || snap.error) void sync(provider);
  }
  await Promise.all(waits);
  return providers.map(view);
}

/** Forget every snapshot (tests, and a sandbox reset). */
export function clearSnapshots(): void {
  store().clear();
}

/**
 * Patches a provider's snapshot in place after a change made through Roster, so the
 * directory shows it at once without reading every member again.
 */
export function patchSnapshot(provider: ProviderId, update: (members: Member[]) => Member[]): void {
  const snap = snapshotOf(provider);
  if (snap.fetchedAt === null) return;
  snap.members = update(snap.members);
  snap.version++;
}

/** The member (or pending invite) with this id in the provider's current snapshot. */
export function snapshotMember(provider: ProviderId, memberId: string): Member | undefined {
  return snapshotOf(provider).members.find((m) => m.id === memberId);
}

/** Every active member on a provider (for the last-owner rule). */
export function snapshotMembers(provider: ProviderId): readonly Member[] {
  return snapshotOf(provider).members;
}
