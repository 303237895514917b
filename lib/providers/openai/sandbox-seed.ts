import { FOUNDERS, hashHex, poolPerson, providerPeople, type SeedPerson } from "../../sandbox/seed";
import { seedLastActiveMs } from "../../sandbox/activity";
import { CursorList } from "./cursor-list";
import { AuditTrail, seedAuditLog, type WireAuditLog } from "./sandbox-audit";
import { ROLE } from "./roles";
import type { WireAdminApiKey, WireInviteCurrent, WireUser } from "./schemas";
import { type ProjectsState, projectsFrom, type SavedProjects, seedProjects } from "./sandbox-projects";

/**
 * The deterministic seed of the OpenAI sandbox, built from the shared people pool
 * (offset 0). Founders 0 and 1 are owners (0 is the one whose admin key the sandbox
 * answers for), 2 and 3 are readers (3 SCIM-managed); everyone else gets a role and
 * flags from their `roll`. Invitees come from just after this provider's window of the
 * pool, so they are people who exist on the other providers.
 */

const DAY = 86_400;
/** A fixed "now" for the seed, so it never moves. */
const SEED_NOW = Date.UTC(2026, 8, 30) / 1000;
/**
 * Pending invites are dated from the start of the current UTC day, so they are still
 * pending (not past `expires_at`) whenever the demo runs; everything else uses SEED_NOW.
 */
function pendingNow(): number {
  return Math.floor(Date.now() / (DAY * 1000)) * DAY;
}
/** The spec returns `expires_at` but states no duration; the sandbox uses a week. */
export const INVITE_LIFETIME_S = 7 * DAY;
/** Where a legacy invite (no `projects` given) lands. */
export const DEFAULT_PROJECT_ID = "proj_default";

export type KeyOwner = WireAdminApiKey["owner"];

/** The seed as built once per sandbox; every reset starts from copies of it. */
export interface OpenAISeed {
  users: readonly WireUser[];
  invites: readonly WireInviteCurrent[];
  adminKeys: readonly WireAdminApiKey[];
  projects: SavedProjects;
  auditLog: readonly WireAuditLog[];
}

export interface OpenAIState {
  projects: ProjectsState;
  users: CursorList<WireUser>;
  invites: CursorList<WireInviteCurrent>;
  adminKeys: WireAdminApiKey[];
  /** Owner of the key the caller is using (founder 0). */
  callerKeyOwner: KeyOwner;
  audit: AuditTrail;
}

const unix = (iso: string) => Math.floor(Date.parse(iso) / 1000);
const slug = (text: string) =>
  text
    .normalize("NFD")
    .replace(/[^A-Za-z]/g, "")
    .toLowerCase();

export const userId = (key: string) => `user-${hashHex(`openai:user:${key}`, 16)}`;
export const inviteId = (key: string) => `invite-${hashHex(`openai:invite:${key}`, 16)}`;

function seedUser(person: SeedPerson): WireUser {
  const founder = person.index < FOUNDERS;
  const owner = founder ? person.index < 2 : person.roll < 0.02;
  const serviceAccount = !founder && person.roll >= 0.02 && person.roll < 0.06;
  const lastUsed = seedLastActiveMs(`openai:${person.index}`, person.index);
  const scim = person.index === 3 || (!founder && person.roll >= 0.06 && person.roll < 0.22);
  return {
    object: "organization.user",
    id: userId(String(person.index)),
    name: serviceAccount ? `svc-${slug(person.lastName)}-${person.index}` : person.name,
    email: serviceAccount ? null : person.email,
    role: owner ? ROLE.owner : ROLE.reader,
    added_at: unix(person.createdAt),
    is_service_account: serviceAccount,
    is_scim_managed: scim,
    api_key_last_used_at: lastUsed === null ? null : Math.floor(lastUsed / 1000),
  };
}

export function newInvite(init: { id: string; email: string; role: WireInviteCurrent["role"]; sentAt: number }): WireInviteCurrent {
  return {
    object: "organization.invite",
    id: init.id,
    email: init.email,
    role: init.role,
    status: "pending",
    created_at: init.sentAt,
    expires_at: init.sentAt + INVITE_LIFETIME_S,
    accepted_at: null,
    projects: [{ id: DEFAULT_PROJECT_ID, role: "member" }],
  };
}

/** Accepted invites of a few early members, then expired and pending ones for outsiders. */
function seedInvites(users: WireUser[], count: number): WireInviteCurrent[] {
  const accepted = users.slice(FOUNDERS, FOUNDERS + Math.max(2, Math.ceil(count * 0.01))).filter((u) => u.email);
  const expired = Math.max(1, Math.ceil(count * 0.005));
  const pending = Math.max(3, Math.ceil(count * 0.02));
  const invites: WireInviteCurrent[] = accepted.map((user) => ({
    ...newInvite({
      id: inviteId(user.id),
      email: user.email!,
      role: user.role === ROLE.owner ? ROLE.owner : ROLE.reader,
      sentAt: user.added_at - DAY,
    }),
    status: "accepted",
    accepted_at: user.added_at,
  }));
  for (let k = 0; k < expired + pending; k++) {
    const person = poolPerson(count + k);
    const isExpired = k < expired;
    const sentAt = isExpired ? SEED_NOW - 30 * DAY + k * 3600 : pendingNow() - (expired + pending - k) * 5 * 3600;
    const role = k % 5 === 4 ? ROLE.owner : ROLE.reader;
    const invite = newInvite({ id: inviteId(`pool:${person.index}`), email: person.email, role, sentAt });
    invites.push(isExpired ? { ...invite, status: "expired" } : invite);
  }
  return invites;
}

export function keyOwner(user: WireUser): KeyOwner {
  return {
    type: "user",
    object: "organization.user",
    id: user.id,
    name: user.name ?? user.id,
    created_at: user.added_at,
    role: user.role ?? ROLE.reader,
  };
}

export function adminKey(init: { id: string; name: string; redacted: string; owner: KeyOwner; createdAt: number }): WireAdminApiKey {
  return {
    object: "organization.admin_api_key",
    id: init.id,
    name: init.name,
    redacted_value: init.redacted,
    created_at: init.createdAt,
    expires_at: null,
    last_used_at: SEED_NOW,
    owner: init.owner,
  };
}

function seedAdminKeys(users: WireUser[]): WireAdminApiKey[] {
  return [
    { name: "Terraform", owner: users[0] },
    { name: "Okta provisioning", owner: users[Math.min(1, users.length - 1)] },
  ].map(({ name, owner }, i) =>
    adminKey({
      id: `key_${hashHex(`openai:key:${name}`, 16)}`,
      name,
      redacted: `sk-admin...${hashHex(`openai:key:${name}:tail`, 4)}`,
      owner: keyOwner(owner),
      createdAt: SEED_NOW - (200 - i * 50) * DAY,
    }),
  );
}

export function buildSeed(count: number): OpenAISeed {
  const users = providerPeople(count, 0).map(seedUser);
  return {
    users,
    invites: seedInvites(users, count),
    adminKeys: seedAdminKeys(users),
    projects: seedProjects(users),
    auditLog: seedAuditLog(users),
  };
}

/** Fresh mutable state: handlers change users and invites in place, never the seed. */
export function stateFrom(seed: OpenAISeed): OpenAIState {
  return {
    users: new CursorList(seed.users.map((user) => ({ ...user }))),
    invites: new CursorList(seed.invites.map((invite) => ({ ...invite }))),
    adminKeys: [...seed.adminKeys],
    projects: projectsFrom(seed.projects),
    callerKeyOwner: keyOwner(seed.users[0]),
    audit: new AuditTrail(seed.auditLog.map((event) => ({ ...event }))),
  };
}
