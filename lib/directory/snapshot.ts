import { createHash } from "node:crypto";
import { configuredProviders, type ConfiguredProvider } from "../providers/registry";
import { isProviderError } from "../providers/errors";
import { emptyReadReport, type ReadReportData } from "../providers/read-report";
import { idsIgnoreCase, normaliseMemberId } from "../providers/ids";
import type { ListProgress, Member, ProviderId } from "../providers/types";
import { fetchProvider } from "./fetch";
import { type MemberPatch, applyPatches, readHeads, readPatches, readSnapshot, writePatches, writeSync } from "./store";
import { logReadReport } from "./read-report-log";
import { markChecked, markUnsure, recheckDue } from "./recheck";
import { recordSync } from "./sync-log";
import type { ProviderHealth, ProviderState } from "./types";
import { log } from "../log";
import { observeSync } from "../ops/metrics";

/**
 * One snapshot per provider: every member and pending invite, read from the provider
 * across all pages, kept for a freshness window. The snapshot lives in the database
 * (lib/directory/store.ts); each server holds it in memory and checks the stored
 * revision (one small query; how often: lib/directory/recheck.ts) to pick up a sync or a
 * change made by another server. A stale snapshot is served at once and refreshed in the background; a failed
 * refresh keeps the last good data and reports the error for that provider only.
 */

interface Snapshot {
  members: Member[];
  byId: Map<string, Member> | null;
  fetchedAt: number | null;
  /** The stored revision this server's copy is at (0: none). */
  revision: number;
  syncRevision: number;
  error: { status: number | null; message: string } | null;
  /** What the read behind `members` noted. */
  report: ReadReportData;
  inflight: Promise<void> | null;
  /** When the last sync ended (success or failure), for spacing out background retries. */
  endedAt: number;
  /** When the last sync started, for spacing out forced ones. */
  startedAt: number;
  /** A forced sync waiting for its turn, shared by everyone who asks meanwhile. */
  queued: Promise<void> | null;
  /** Who asked for a forced sync (a session), and when theirs last ended well. */
  forcedBy: Map<string, number>;
  progress: ListProgress | null;
  /** Bumped whenever `members` changes here, so derived indexes know to rebuild. */
  version: number;
}

interface Store {
  snapshots: Map<ProviderId, Snapshot>;
  catchingUp: Promise<void> | null;
}

const globalForSnapshots = globalThis as unknown as { __rosterSnapshots?: Store };

function store(): Store {
  globalForSnapshots.__rosterSnapshots ??= { snapshots: new Map(), catchingUp: null };
  return globalForSnapshots.__rosterSnapshots;
}

function snapshotOf(id: ProviderId): Snapshot {
  const map = store().snapshots;
  let snap = map.get(id);
  if (!snap) {
    snap = {
      members: [],
      byId: null,
      fetchedAt: null,
      revision: 0,
      syncRevision: 0,
      error: null,
      report: emptyReadReport(),
      inflight: null,
      endedAt: 0,
      startedAt: 0,
      queued: null,
      forcedBy: new Map(),
      progress: null,
      version: 0,
    };
    map.set(id, snap);
  }
  return snap;
}

function setMembers(snap: Snapshot, members: Member[]) {
  snap.members = members;
  snap.byId = null;
  snap.version++;
}

function numberFrom(raw: string | undefined, fallback: number): number {
  const n = Number(raw);
  return raw !== undefined && raw !== "" && Number.isFinite(n) && n >= 0 ? n : fallback;
}

export function freshnessMs(env: NodeJS.ProcessEnv = process.env): number {
  return numberFrom(env.ROSTER_SYNC_FRESH_SECONDS, 300) * 1000;
}

function errorOf(error: unknown): { status: number | null; message: string } {
  if (isProviderError(error)) return { status: error.status, message: error.message };
  return { status: null, message: error instanceof Error ? error.message : String(error) };
}

/**
 * Which connection a snapshot was read from: a hash of base URL, organization and key (or client credentials), so
 * a server pointed at another organization (or another sandbox) never shows its list.
 */
function sourceOf(provider: ConfiguredProvider): string {
  const c = provider.settings.connection;
  if (!c) return "";
  const key = c.clientCredentials ? `${c.clientCredentials.clientId}:${c.clientCredentials.clientSecret}` : c.token;
  return createHash("sha256")
    .update(`${c.baseUrl}\n${c.organizationId ?? ""}\n${key}`)
    .digest("base64url")
    .slice(0, 22);
}

/** Brings this server's copies up to the stored revisions (another server's sync or change). */
async function catchUpOnce(): Promise<void> {
  const sources = new Map(
    configuredProviders()
      .filter((p) => p.adapter)
      .map((p) => [p.settings.id, sourceOf(p)]),
  );
  const heads = await readHeads();
  await Promise.all(
    heads
      .filter((head) => sources.get(head.provider) === head.source)
      .map(async (head) => {
        const snap = snapshotOf(head.provider);
        if (head.syncRevision > snap.syncRevision) {
          const stored = await readSnapshot(head.provider);
          if (!stored || stored.head.source !== head.source || stored.head.syncRevision <= snap.syncRevision) return;
          setMembers(snap, stored.members);
          snap.report = stored.report;
          snap.revision = stored.head.revision;
          snap.syncRevision = stored.head.syncRevision;
          snap.fetchedAt = stored.head.fetchedAt.getTime();
        }
        if (head.revision > snap.revision) {
          const patches = (await readPatches(head.provider, snap.revision)).filter((p) => p.revision > snap.revision);
          if (patches.length === 0) return;
          setMembers(snap, applyPatches(snap.members, patches));
          snap.revision = Math.max(snap.revision, ...patches.map((p) => p.revision));
        }
      }),
  );
}

/** Catches up when a check is due (lib/directory/recheck.ts); readers meanwhile share one check. */
export function catchUp(): Promise<void> {
  const s = store();
  if (!s.catchingUp && !recheckDue()) return Promise.resolve();
  const started = Date.now();
  s.catchingUp ??= catchUpOnce()
    .then(() => markChecked(started))
    .catch((error) => log.error({ err: error }, "[roster] could not read the stored directory"))
    .finally(() => {
      s.catchingUp = null;
    });
  return s.catchingUp;
}

function sync(provider: ConfiguredProvider): Promise<void> {
  const snap = snapshotOf(provider.settings.id);
  if (snap.inflight) return snap.inflight;
  const id = provider.settings.id;
  const baseRevision = snap.revision;
  snap.progress = { fetched: 0, total: null };
  snap.startedAt = Date.now();
  snap.inflight = (async () => {
    try {
      const { members: fetched, report } = await fetchProvider(provider, (p) => (snap.progress = p));
      logReadReport(id, report);
      const fetchedAt = new Date();
      let members = fetched;
      snap.report = report;
      try {
        const stored = await writeSync(id, sourceOf(provider), fetched, fetchedAt, baseRevision, report);
        members = stored.members;
        snap.revision = stored.head.revision;
        snap.syncRevision = stored.head.syncRevision;
      } catch (error) {
        markUnsure();
        log.error({ err: error }, `[roster] could not store the ${id} snapshot`);
      }
      setMembers(snap, members);
      snap.fetchedAt = fetchedAt.getTime();
      snap.error = null;
      recordSync(id, { ok: true, count: members.length });
      observeSync(id, true, Date.now() - snap.startedAt, snap.fetchedAt);
    } catch (error) {
      snap.error = errorOf(error);
      recordSync(id, { ok: false, error: snap.error });
      observeSync(id, false, Date.now() - snap.startedAt);
    } finally {
      snap.inflight = null;
      snap.progress = null;
      snap.endedAt = Date.now();
    }
  })();
  return snap.inflight;
}

/** A failing provider is read again in the background at most this often (the page's Retry is at once). */
const ERROR_RETRY_MS = 15_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref?.());

/** Forced syncs of one provider start at least this far apart (ROSTER_SYNC_MIN_INTERVAL_MS, default 2000). */
export function minForcedIntervalMs(env: NodeJS.ProcessEnv = process.env): number {
  return numberFrom(env.ROSTER_SYNC_MIN_INTERVAL_MS, 2000);
}

/**
 * A sync someone asked for (Refresh, Retry, `POST /api/sync`): joins one under way, and if
 * that one fails, reads again, since it may have started before the provider recovered.
 * Forced syncs of a provider start at most once per `minForcedIntervalMs`: one asked for
 * sooner waits for its turn, and everyone who asks meanwhile shares it. A caller (a session)
 * whose own forced sync ended well less than an interval ago gets the snapshot as it is,
 * so one client repeating `POST /api/sync` costs the provider nothing more.
 */
async function forcedSync(provider: ConfiguredProvider, caller?: string): Promise<void> {
  const snap = snapshotOf(provider.settings.id);
  const interval = minForcedIntervalMs();
  const now = Date.now();
  const mine = caller ? snap.forcedBy.get(caller) : undefined;
  if (mine !== undefined && now - mine < interval && !snap.error) return;
  await joinOrQueue(provider, snap, interval);
  if (!caller || snap.error) return;
  for (const [key, at] of snap.forcedBy) if (Date.now() - at >= interval) snap.forcedBy.delete(key);
  snap.forcedBy.set(caller, Date.now());
}

async function joinOrQueue(provider: ConfiguredProvider, snap: Snapshot, interval: number): Promise<void> {
  if (snap.inflight) {
    await snap.inflight;
    if (!snap.error) return;
  }
  if (snap.queued) return snap.queued;
  const wait = snap.startedAt + interval - Date.now();
  if (wait <= 0) return sync(provider);
  snap.queued = sleep(wait).then(() => {
    snap.queued = null;
    return sync(provider);
  });
  return snap.queued;
}

export interface SnapshotView {
  provider: ConfiguredProvider;
  members: Member[];
  version: number;
  state: ProviderState;
}

function healthOf(configured: boolean, snap: Snapshot): ProviderHealth {
  if (configured && snap.error !== null) return "failed";
  return snap.report.missing.length > 0 ? "degraded" : "ok";
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
      state: healthOf(configured, snap),
      report: snap.report,
      fetchedAt: snap.fetchedAt ? new Date(snap.fetchedAt).toISOString() : null,
      count: snap.members.length,
      syncing: snap.inflight !== null,
      ...(snap.progress ? { progress: snap.progress } : {}),
      ...(snap.error ? { error: snap.error } : {}),
    },
  };
}

/**
 * How long a listing waits for providers that have no data yet: until all are read, or
 * until one is and `ROSTER_SYNC_GRACE_MS` (250) more has passed, or at most
 * `ROSTER_SYNC_WAIT_MS` (2000). What is still syncing then is shown with its progress.
 */
async function waitForSome(waits: Promise<void>[], haveData: boolean): Promise<void> {
  if (waits.length === 0) return;
  const grace = numberFrom(process.env.ROSTER_SYNC_GRACE_MS, 250);
  const most = numberFrom(process.env.ROSTER_SYNC_WAIT_MS, 2000);
  const firstReady = haveData ? Promise.resolve() : Promise.race(waits);
  await Promise.race([Promise.all(waits), firstReady.then(() => sleep(grace)), sleep(most)]);
}

export interface SnapshotOptions {
  /** Re-read these providers now, and wait for them. */
  force?: ProviderId[];
  /** Who forces (a session key): a caller repeating itself within the interval reads nothing again. */
  caller?: string;
  /** A listing: answer as soon as some provider is ready (see waitForSome), not after all. */
  partial?: boolean;
}

/**
 * Current snapshots of every provider. Reads what other servers stored; waits for a
 * provider that has no data yet (or that `force` names); serves stale data at once and
 * refreshes it in the background.
 */
export async function getSnapshots(options: SnapshotOptions = {}): Promise<SnapshotView[]> {
  await catchUp();
  const providers = configuredProviders();
  const maxAge = freshnessMs();
  const forcedWaits: Promise<void>[] = [];
  const coldWaits: Promise<void>[] = [];
  let haveData = false;
  for (const provider of providers) {
    if (!provider.adapter) continue;
    const snap = snapshotOf(provider.settings.id);
    const forced = options.force?.includes(provider.settings.id) ?? false;
    const empty = snap.fetchedAt === null;
    if (!empty) haveData = true;
    const stale = !empty && Date.now() - snap.fetchedAt! > maxAge;
    if (forced) forcedWaits.push(forcedSync(provider, options.caller));
    else if (empty) coldWaits.push(sync(provider));
    else if (stale || (snap.error && Date.now() - snap.endedAt > ERROR_RETRY_MS)) void sync(provider);
  }
  await Promise.all(forcedWaits);
  if (options.partial) await waitForSome(coldWaits, haveData);
  else await Promise.all(coldWaits);
  return providers.map(view);
}

/** Every provider's snapshot as this server holds it, starting no read (for the index built at start). */
export function heldSnapshots(): SnapshotView[] {
  return configuredProviders().map(view);
}

/** What `update` changed: members that are new objects with new content, and ids that are gone. */
function diff(before: readonly Member[], after: readonly Member[], byId: Map<string, Member>): MemberPatch[] {
  const kept = new Set(before);
  const ids = new Set(after.map((m) => m.id));
  const changed = after.filter((m) => {
    if (kept.has(m)) return false;
    const old = byId.get(m.id);
    return !old || JSON.stringify(old) !== JSON.stringify(m);
  });
  return [
    ...changed.map((m) => ({ id: m.id, member: m })),
    ...before.filter((m) => !ids.has(m.id)).map((m) => ({ id: m.id, member: null })),
  ];
}

/**
 * Patches a provider's snapshot in place after a change made through Roster, so the
 * directory shows it at once without reading every member again, and stores the patch
 * so other servers see it at their next read. `update` returns the new list; members it
 * replaces must be new objects.
 */
export async function patchSnapshot(provider: ProviderId, update: (members: Member[]) => Member[]): Promise<void> {
  const snap = snapshotOf(provider);
  if (snap.fetchedAt === null) return;
  const before = snap.members;
  const after = update(before);
  snap.byId ??= new Map(before.map((m) => [m.id, m]));
  const patches = diff(before, after, snap.byId);
  if (patches.length === 0) return;
  setMembers(snap, after);
  try {
    const revision = await writePatches(provider, patches);
    // Only when no other server wrote in between; otherwise the next read catches up
    // (re-applying this patch is harmless).
    if (revision !== null && revision === snap.revision + 1) snap.revision = revision;
    else markUnsure();
  } catch (error) {
    markUnsure();
    log.error({ err: error }, `[roster] could not store a change to the ${provider} snapshot`);
  }
}

/** The member (or pending invite) with this id in the provider's current snapshot. */
export function snapshotMember(provider: ProviderId, memberId: string): Member | undefined {
  const snap = snapshotOf(provider);
  snap.byId ??= new Map(snap.members.map((m) => [m.id, m]));
  const exact = snap.byId.get(memberId);
  if (exact) return exact;
  // Ids a provider matches without case (Arthur's UUIDs) may be stored as it sent them.
  if (!idsIgnoreCase(provider)) return undefined;
  const wanted = normaliseMemberId(provider, memberId);
  return snap.byId.get(wanted) ?? snap.members.find((m) => normaliseMemberId(provider, m.id) === wanted);
}

/** Every active member on a provider (for the last-owner rule). */
export function snapshotMembers(provider: ProviderId): readonly Member[] {
  return snapshotOf(provider).members;
}
