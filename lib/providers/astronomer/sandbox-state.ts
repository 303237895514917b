import { seedLastActiveMs } from "../../sandbox/activity";
import { normaliseEmail } from "../../email";
import { SANDBOX_ASTRONOMER_ORG_ID } from "./sandbox-org";
import { FOUNDERS, hashHex, prng, providerPeople, type SeedPerson } from "../../sandbox/seed";
import { ROLE } from "./roles";
import { type AstroVariance, NO_VARIANCE, picked } from "./sandbox-variance";

/**
 * In-memory state of the Astronomer sandbox: one organization, its users (people
 * with pending invites are users too, as on Astro), workspaces and workspace roles.
 * Built once per create/reset; lookups are maps, listings are memoised arrays that
 * any change drops, so paging 50,000 users is slicing.
 */

export interface SandboxInvite {
  inviteId: string;
  expiresAt: string;
  inviterId: string;
}

function lastLoginOf(index: number): { lastLogin?: string } {
  const at = seedLastActiveMs(`astronomer:${index}`, index);
  return at === null ? {} : { lastLogin: new Date(at).toISOString() };
}

export interface SandboxUser {
  id: string;
  fullName: string;
  username: string;
  avatarUrl: string;
  createdAt: string;
  updatedAt: string;
  status: "ACTIVE" | "PENDING";
  orgRole: string;
  idpManaged: boolean;
  invite: SandboxInvite | null;
  /** Last login (ISO); absent: never logged in (Astro then leaves `lastLogin` out). */
  lastLogin?: string;
}

export interface SandboxWorkspace {
  id: string;
  name: string;
  description: string;
  createdAt: string;
  updatedAt: string;
  /** user id → workspace role, in the order they joined. */
  members: Map<string, string>;
}

/** A v1 Team: its members get its workspace roles. */
export interface SandboxTeam {
  id: string;
  name: string;
  description: string;
  createdAt: string;
  updatedAt: string;
  orgRole: string;
  /** workspace id → role granted to every member. */
  workspaceRoles: Map<string, string>;
  /** user ids, in the order they joined. */
  members: string[];
}

export interface SavedAstroState {
  users: SandboxUser[];
  workspaces: Array<Omit<SandboxWorkspace, "members"> & { members: Array<[string, string]> }>;
  teams?: Array<Omit<SandboxTeam, "workspaceRoles"> & { workspaceRoles: Array<[string, string]> }>;
  created: number;
}

export const ORGANIZATION_NAME = "Roster Sandbox";
export const ORGANIZATION_SHORT_NAME = "rostersandbox";
/** Not stated by any spec; Roster's choice for sandbox invites. */
const INVITE_DAYS = 30;
const DAY_MS = 86_400_000;
const WORKSPACE_NAMES = ["Data Platform", "Analytics", "Machine Learning", "Finance Reporting", "Marketing Ops", "Sandbox"];
const MAX_VIEWS = 64;

/** Astro ids look like cuids: `cl` + 23 base-16/36 characters. */
export const cuid = (seed: string) => `cl${hashHex(seed, 23)}`;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
const avatar = (userId: string) => `https://avatars.sandbox.example.com/${userId}.png`;

/** Founders' fixed org roles: two owners (0 is the token's user), a billing admin, a member. */
const FOUNDER_ROLES = [ROLE.orgOwner, ROLE.orgOwner, ROLE.orgBillingAdmin, ROLE.orgMember];

function seedRole(roll: number): string {
  if (roll < 0.005) return ROLE.orgOwner;
  if (roll < 0.025) return ROLE.orgBillingAdmin;
  return ROLE.orgMember;
}

function seedWorkspaceRole(roll: number): string {
  if (roll < 0.1) return ROLE.workspaceOwner;
  if (roll < 0.3) return ROLE.workspaceOperator;
  if (roll < 0.6) return ROLE.workspaceAuthor;
  return ROLE.workspaceMember;
}

export class AstroSandboxState {
  readonly organizationId = SANDBOX_ASTRONOMER_ORG_ID;
  /** The user behind the sandbox token (`GET /users/self`), the founding org owner. */
  readonly self: SandboxUser;
  readonly workspaces: SandboxWorkspace[] = [];
  readonly teams: SandboxTeam[] = [];
  /** With the `missing-ids` variance: the user sent without an id. */
  readonly noIdUserId: string | null = null;
  private readonly users = new Map<string, SandboxUser>();
  private readonly byEmail = new Map<string, string>();
  private readonly byInvite = new Map<string, string>();
  private readonly views = new Map<string, unknown[]>();
  private created = 0;
  /** Who sends invites: the user behind the token. */
  private inviterId = "";

  constructor(
    userCount: number,
    private readonly now: () => number = Date.now,
    readonly variance: AstroVariance = NO_VARIANCE,
  ) {
    // Seeded invites are relative to today (UTC), so they are pending, not expired.
    const today = Math.floor(now() / DAY_MS) * DAY_MS;
    const people = providerPeople(userCount, 0.3);
    const users = people.map((person, i) => this.seedPerson(person, i, today));
    this.self = { ...users[0] };
    this.seedWorkspaces(people, users);
    this.seedTeams(users);
    this.applyVariance(users, today);
    if (variance.has("missing-ids")) this.noIdUserId = users.find((u, i) => i > FOUNDERS && u.status === "ACTIVE")?.id ?? null;
  }

  /** Two teams granting workspace roles (served by v1 only). */
  private seedTeams(users: SandboxUser[]) {
    const specs = [
      {
        name: "Platform Engineering",
        grants: [
          [0, ROLE.workspaceOperator],
          [2, ROLE.workspaceAuthor],
        ],
        founder: 2,
        every: 25,
      },
      { name: "Analysts", grants: [[1, ROLE.workspaceMember]], founder: 3, every: 30 },
    ] as const;
    specs.forEach((spec, t) => {
      const createdAt = iso(Date.UTC(2024, 6 + t, 1, 9));
      const members = users.filter(
        (u, i) => u.status === "ACTIVE" && (i === spec.founder || (i >= FOUNDERS && picked(u.id, spec.name, spec.every))),
      );
      this.teams.push({
        id: cuid(`astro-team:${spec.name}`),
        name: spec.name,
        description: `${spec.name} team`,
        createdAt,
        updatedAt: createdAt,
        orgRole: ROLE.orgMember,
        workspaceRoles: new Map(spec.grants.filter(([w]) => this.workspaces[w]).map(([w, role]) => [this.workspaces[w].id, role])),
        members: members.map((u) => u.id),
      });
    });
  }

  /** State-level variance: roles v1alpha1's docs lack, invites that have expired. */
  private applyVariance(users: SandboxUser[], today: number) {
    users.forEach((user, i) => {
      if (i < FOUNDERS) return;
      if (this.variance.has("unknown-roles") && user.status === "ACTIVE" && picked(user.id, "role", 10))
        user.orgRole = ROLE.orgObserveMember;
      if (this.variance.has("expired-invites") && user.invite && picked(user.id, "expired", 2)) {
        user.invite.expiresAt = iso(today - 3 * DAY_MS);
      }
    });
    if (this.variance.has("owner-team") && this.teams[0]) this.teams[0].orgRole = ROLE.orgOwner;
    if (this.variance.has("unknown-roles")) {
      for (const ws of this.workspaces) {
        for (const [id, role] of ws.members)
          if (role === ROLE.workspaceMember && picked(id, `ws-role:${ws.id}`, 4)) ws.members.set(id, ROLE.workspaceAccessor);
      }
    }
  }

  private seedPerson(person: SeedPerson, i: number, today: number): SandboxUser {
    const rand = prng(person.index * 104_729 + 3);
    const founder = i < FOUNDERS;
    const pending = !founder && rand() < 0.06;
    const invitedAt = iso(today - Math.floor(rand() * 14) * DAY_MS - 3_600_000);
    const id = cuid(`astro-user:${person.index}`);
    const user = this.insert({
      id,
      fullName: person.name,
      username: person.email,
      avatarUrl: avatar(id),
      createdAt: pending ? invitedAt : person.createdAt,
      updatedAt: pending ? invitedAt : person.createdAt,
      status: pending ? "PENDING" : "ACTIVE",
      orgRole: founder ? FOUNDER_ROLES[i] : seedRole(person.roll),
      idpManaged: i === 3 || (!founder && !pending && rand() < 0.2),
      invite: null,
      ...(pending ? {} : lastLoginOf(person.index)),
    });
    if (i === 0) this.inviterId = user.id;
    if (pending) this.attachInvite(user, Date.parse(invitedAt), `seed:${person.index}`);
    return user;
  }

  private seedWorkspaces(people: SeedPerson[], users: SandboxUser[]) {
    const founders = users.slice(0, FOUNDERS);
    WORKSPACE_NAMES.forEach((name, w) => {
      const members = new Map<string, string>();
      members.set(founders[0].id, ROLE.workspaceOwner);
      if (founders[1]) members.set(founders[1].id, ROLE.workspaceOwner);
      if (founders[2] && w === 0) members.set(founders[2].id, ROLE.workspaceMember);
      if (founders[3] && w < 2) members.set(founders[3].id, ROLE.workspaceAuthor);
      const createdAt = iso(Date.UTC(2024, w, 10, 9));
      this.workspaces.push({
        id: cuid(`astro-ws:${name}`),
        name,
        description: `${name} workspace`,
        createdAt,
        updatedAt: createdAt,
        members,
      });
    });
    for (let i = FOUNDERS; i < users.length; i++) {
      const user = users[i];
      if (user.status === "PENDING") continue;
      const rand = prng(people[i].index * 7_919 + 11);
      for (const ws of this.workspaces) {
        if (rand() < 0.18) ws.members.set(user.id, seedWorkspaceRole(rand()));
      }
    }
  }

  private insert(user: SandboxUser): SandboxUser {
    this.users.set(user.id, user);
    this.byEmail.set(user.username.toLowerCase(), user.id);
    return user;
  }

  private attachInvite(user: SandboxUser, sentAt: number, seed: string) {
    user.invite = { inviteId: cuid(`astro-invite:${seed}`), expiresAt: iso(sentAt + INVITE_DAYS * DAY_MS), inviterId: this.inviterId };
    this.byInvite.set(user.invite.inviteId, user.id);
  }

  private changed() {
    this.views.clear();
  }

  /** Everything changes can touch, as plain JSON. */
  save(): SavedAstroState {
    return {
      users: [...this.users.values()],
      workspaces: this.workspaces.map((ws) => ({ ...ws, members: [...ws.members] })),
      teams: this.teams.map((team) => ({ ...team, workspaceRoles: [...team.workspaceRoles] })),
      created: this.created,
    };
  }

  /** Replaces users and workspaces with saved ones (the organization and its token's user stay). */
  load(saved: unknown): void {
    const { users, workspaces, teams, created } = (saved ?? {}) as Partial<SavedAstroState>;
    if (!Array.isArray(users) || !Array.isArray(workspaces) || !Number.isInteger(created))
      throw new Error("not an Astronomer sandbox state");
    this.users.clear();
    this.byEmail.clear();
    this.byInvite.clear();
    for (const user of users) {
      this.insert(user);
      if (user.invite) this.byInvite.set(user.invite.inviteId, user.id);
    }
    this.workspaces.splice(0, this.workspaces.length, ...workspaces.map((ws) => ({ ...ws, members: new Map(ws.members) })));
    if (Array.isArray(teams))
      this.teams.splice(0, this.teams.length, ...teams.map((team) => ({ ...team, workspaceRoles: new Map(team.workspaceRoles) })));
    this.created = created!;
    this.changed();
  }

  /** A memoised listing (filtered, sorted); dropped by any change. */
  view<T>(key: string, build: () => T[]): T[] {
    let list = this.views.get(key) as T[] | undefined;
    if (!list) {
      if (this.views.size >= MAX_VIEWS) this.views.clear();
      list = build();
      this.views.set(key, list);
    }
    return list;
  }

  orgUsers(): SandboxUser[] {
    return this.view("org", () => [...this.users.values()]);
  }

  user(id: string): SandboxUser | undefined {
    return this.users.get(id);
  }

  userByEmail(email: string): SandboxUser | undefined {
    const id = this.byEmail.get(normaliseEmail(email));
    return id ? this.users.get(id) : undefined;
  }

  userByInvite(inviteId: string): SandboxUser | undefined {
    const id = this.byInvite.get(inviteId);
    return id ? this.users.get(id) : undefined;
  }

  workspace(id: string): SandboxWorkspace | undefined {
    return this.workspaces.find((ws) => ws.id === id);
  }

  /** Owners who have joined; an invited owner does not hold the organization yet. */
  /** Whether `user` holds the only owner role: owners are counted directly and through teams (v1). */
  isLastOwner(user: SandboxUser): boolean {
    if (user.orgRole !== ROLE.orgOwner || user.status !== "ACTIVE") return false;
    const ownerTeams = this.teams.filter((team) => team.orgRole === ROLE.orgOwner);
    for (const other of this.users.values()) {
      if (other.status !== "ACTIVE") continue;
      if (ownerTeams.some((team) => team.members.includes(other.id))) return false;
      if (other !== user && other.orgRole === ROLE.orgOwner) return false;
    }
    return true;
  }

  invite(email: string, role: string): SandboxUser {
    const sentAt = this.now();
    const seed = `${email.toLowerCase()}:${++this.created}`;
    const id = cuid(`astro-user:${seed}`);
    const user = this.insert({
      id,
      fullName: email.split("@")[0],
      username: email.trim(),
      avatarUrl: avatar(id),
      createdAt: iso(sentAt),
      updatedAt: iso(sentAt),
      status: "PENDING",
      orgRole: role,
      idpManaged: false,
      invite: null,
    });
    this.attachInvite(user, sentAt, seed);
    this.changed();
    return user;
  }

  /** An invite whose expiry has passed: no longer pending, and a new invite may replace it. */
  inviteExpired(user: SandboxUser): boolean {
    return !!user.invite && Date.parse(user.invite.expiresAt) <= this.now();
  }

  /** A new invite for someone whose invite expired (Astro keeps them as a pending user). */
  reinvite(user: SandboxUser, role: string): SandboxUser {
    if (user.invite) this.byInvite.delete(user.invite.inviteId);
    user.orgRole = role;
    this.attachInvite(user, this.now(), `${user.username.toLowerCase()}:${++this.created}`);
    this.changed();
    return user;
  }

  /** Removing the user takes their invite, workspace roles and team memberships with them. */
  removeUser(user: SandboxUser) {
    this.users.delete(user.id);
    this.byEmail.delete(user.username.toLowerCase());
    if (user.invite) this.byInvite.delete(user.invite.inviteId);
    for (const ws of this.workspaces) ws.members.delete(user.id);
    for (const team of this.teams) team.members = team.members.filter((id) => id !== user.id);
    this.changed();
  }

  team(id: string): SandboxTeam | undefined {
    return this.teams.find((t) => t.id === id);
  }

  /** The user's direct workspace roles, in workspace order. */
  workspaceRolesOf(user: SandboxUser): Array<{ workspaceId: string; role: string }> {
    return this.workspaces.flatMap((ws) => (ws.members.has(user.id) ? [{ workspaceId: ws.id, role: ws.members.get(user.id)! }] : []));
  }

  /** v1's full replacement of a user's workspace roles. */
  replaceWorkspaceRoles(user: SandboxUser, roles: Array<{ workspaceId: string; role: string }>) {
    const wanted = new Map(roles.map((r) => [r.workspaceId, r.role]));
    for (const ws of this.workspaces) {
      const role = wanted.get(ws.id);
      if (role) ws.members.set(user.id, role);
      else ws.members.delete(user.id);
    }
    user.updatedAt = iso(this.now());
    this.changed();
  }

  setOrgRole(user: SandboxUser, role: string) {
    user.orgRole = role;
    user.updatedAt = iso(this.now());
    this.changed();
  }

  setWorkspaceRole(ws: SandboxWorkspace, user: SandboxUser, role: string) {
    ws.members.set(user.id, role);
    ws.updatedAt = iso(this.now());
    this.changed();
  }

  removeFromWorkspace(ws: SandboxWorkspace, user: SandboxUser) {
    ws.members.delete(user.id);
    this.changed();
  }
}
