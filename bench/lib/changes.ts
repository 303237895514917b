import { PROVIDERS, type Provider, type Sandboxes, type Session, api } from "./servers";
import { type Row, log, verdict } from "./stats";
import { sleep } from "./procs";

/**
 * Figure 9: member-list reads a provider sees because of a change made through Roster.
 * The sandboxes log every request they serve (`GET /__sandbox/requests`); the logs are
 * emptied before each change, and read after the change and the directory read that
 * follows it (as the page does).
 */

interface Recorded {
  method: string;
  pattern: string | null;
  path: string;
  query: Array<[string, string]>;
}

interface Membership {
  provider: Provider;
  id: string;
  role: string;
  status: string;
  kind: string;
  managed: boolean;
}
interface UsersPage {
  people: Array<{ email: string | null; memberships: Membership[] }>;
  providers?: Array<{ id: string; syncing?: boolean; fetchedAt?: string | null; ok?: boolean }>;
}
interface RolesAnswer {
  providers: Array<{ id: Provider; roles: Array<{ id: string; name: string; scope: string; isOwner: boolean; adminLevel?: boolean }> }>;
}

/** Query parameters that narrow a list to one member (a lookup, not a re-read of everyone). */
const NARROWING = new Set(["search", "emails", "emails[]", "email", "user_id", "userIds"]);
const MEMBER_LIST = /\/(users|invites|role_bindings)$/;

function isMemberList(r: Recorded): boolean {
  return r.method === "GET" && MEMBER_LIST.test(r.pattern ?? r.path);
}
const narrowed = (r: Recorded) => r.query.some(([k]) => NARROWING.has(k));

/** Waits until no provider is syncing (a change must not race a sync whose reads would count). */
export async function waitSynced(session: Session, timeoutMs = 600_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const page = await api<UsersPage>(session, "GET", "/api/users?pageSize=1");
    const states = page.providers ?? [];
    // Done: not syncing, and holding data (or failed: the figures then show what it costs).
    if (states.every((p) => !p.syncing && (p.fetchedAt !== null || p.ok === false))) return;
    await sleep(500);
  }
  throw new Error("providers were still syncing after 10 minutes");
}

async function clearLogs(sandboxes: Sandboxes) {
  await Promise.all(
    PROVIDERS.map((p) => fetch(`${sandboxes.url(p)}/__sandbox/requests`, { method: "DELETE" }).then((r) => r.arrayBuffer())),
  );
}

async function listReads(sandboxes: Sandboxes): Promise<{ full: string[]; narrowed: number }> {
  const full: string[] = [];
  let narrow = 0;
  for (const p of PROVIDERS) {
    const { requests } = (await (await fetch(`${sandboxes.url(p)}/__sandbox/requests`)).json()) as { requests: Recorded[] };
    for (const r of requests.filter(isMemberList)) {
      if (narrowed(r)) narrow++;
      else full.push(`${p} ${r.method} ${r.path}`);
    }
  }
  return { full, narrowed: narrow };
}

/** Two ordinary members of the provider (active people, not managed, not owners) and a role to give the first. */
async function targets(session: Session, provider: Provider) {
  const roles = (await api<RolesAnswer>(session, "GET", "/api/roles")).providers.find((p) => p.id === provider)!.roles;
  const org = roles.filter((r) => r.scope === "organization");
  const plain = org.filter((r) => !r.isOwner);
  const page = await api<UsersPage>(session, "GET", `/api/users?provider=${provider}&status=active&kind=person&pageSize=200&sort=email`);
  const members = page.people
    .map((p) => p.memberships.find((m) => m.provider === provider && m.status === "active" && !m.managed))
    .filter((m): m is Membership => m !== undefined && plain.some((r) => r.name === m.role));
  if (members.length < 2) throw new Error(`no two ordinary members on ${provider}`);
  // Another plain role where there is one; otherwise (OpenAI: owner and reader) promote to owner.
  const newRole = plain.find((r) => r.name !== members[0].role) ?? org.find((r) => r.name !== members[0].role);
  if (!newRole) throw new Error(`${provider} has only one organization role`);
  return { changed: members[0], removed: members[1], role: newRole.id };
}

export async function measureChanges(session: Session, sandboxes: Sandboxes): Promise<Row[]> {
  await waitSynced(session);
  const counts = { change: 0, remove: 0 };
  const lookups = { change: 0, remove: 0 };
  for (const provider of PROVIDERS) {
    const t = await targets(session, provider);
    const steps: Array<[keyof typeof counts, () => Promise<unknown>]> = [
      ["change", () => api(session, "PATCH", `/api/members/${provider}/${encodeURIComponent(t.changed.id)}`, { role: t.role })],
      ["remove", () => api(session, "DELETE", `/api/members/${provider}/${encodeURIComponent(t.removed.id)}`)],
    ];
    for (const [kind, step] of steps) {
      await waitSynced(session);
      await clearLogs(sandboxes);
      await step();
      await api(session, "GET", "/api/users?pageSize=50");
      const reads = await listReads(sandboxes);
      counts[kind] += reads.full.length;
      lookups[kind] += reads.narrowed;
      log(
        `changes: ${kind} on ${provider}: ${reads.full.length} member-list reads${reads.full.length ? ` (${reads.full.slice(0, 3).join(", ")}…)` : ""}, ${reads.narrowed} one-member lookups`,
      );
    }
  }
  const note = (kind: keyof typeof counts) => (lookups[kind] ? ` (+${lookups[kind]} one-member lookups)` : "");
  return [
    {
      figure: "provider member-list reads after a role change (one per provider)",
      measured: `${counts.change}${note("change")}`,
      target: "0",
      ratio: "",
      verdict: verdict(counts.change === 0),
    },
    {
      figure: "provider member-list reads after a removal (one per provider)",
      measured: `${counts.remove}${note("remove")}`,
      target: "0",
      ratio: "",
      verdict: verdict(counts.remove === 0),
    },
  ];
}
