import { createHash, randomUUID } from "node:crypto";
import { uuidFrom } from "../../sandbox/seed";
import { displayName } from "./mapping";
import { ownerRoleIds } from "./roles";
import {
  SANDBOX_ME_ID,
  SANDBOX_ORGANIZATION,
  groupBinding,
  organizationBinding,
  sandboxRoles,
  sandboxWorkspaces,
  seedAccounts,
} from "./sandbox-seed";
import { SANDBOX_GROUPS, SandboxGroups } from "./sandbox-groups";
import type { BoundMemberKind, UserType, WireRole, WireRoleBinding, WireUser } from "./schemas";

/**
 * The Arthur sandbox's in-memory organization. Built once per create/reset; sorted
 * and filtered lists are cached until the next change, so paging through 50,000
 * users slices one array instead of sorting per page.
 */

export type UserSort = "name" | "email" | "created_at" | "updated_at";
export type SortOrder = "asc" | "desc";

export interface UserQuery {
  sort: UserSort;
  order: SortOrder;
  types: UserType[];
  search?: string;
  ids?: string[];
}

export interface BindingQuery {
  kind?: BoundMemberKind;
  types: UserType[];
  search?: string;
}

export type NewUser = Pick<WireUser, "first_name" | "last_name" | "email" | "user_type"> & Partial<Pick<WireUser, "picture" | "client_id">>;

const now = () => new Date().toISOString();

const SORT_KEYS: Record<UserSort, (user: WireUser) => string> = {
  name: (user) => displayName(user).toLowerCase(),
  email: (user) => (user.email ?? "").toLowerCase(),
  created_at: (user) => user.created_at,
  updated_at: (user) => user.updated_at,
};

export function sortBy<T extends { id: string }>(items: T[], key: (item: T) => string, order: SortOrder): T[] {
  const keyed = items.map((item) => ({ key: key(item), item }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.item.id < b.item.id ? -1 : a.item.id > b.item.id ? 1 : 0));
  const sorted = keyed.map((entry) => entry.item);
  return order === "desc" ? sorted.reverse() : sorted;
}

const contains = (text: string | null | undefined, needle: string) => (text ?? "").toLowerCase().includes(needle);

export class ArthurSandboxState {
  readonly organization = SANDBOX_ORGANIZATION;
  readonly roles: WireRole[] = sandboxRoles();
  readonly roleById = new Map(this.roles.map((role) => [role.id, role]));
  readonly ownerRoles = ownerRoleIds(this.roles);
  readonly workspaces = sandboxWorkspaces();
  readonly groups = new SandboxGroups();
  private users = new Map<string, WireUser>();
  private idByEmail = new Map<string, string>();
  private bindings = new Map<string, WireRoleBinding>();
  private views = new Map<string, readonly unknown[]>();
  /** SHA-256 of the client secret of each service account whose secret was issued here. */
  private secrets = new Map<string, string>();

  constructor(private readonly size: number) {
    this.reset();
  }

  reset(): void {
    this.users.clear();
    this.idByEmail.clear();
    this.bindings.clear();
    this.views.clear();
    this.secrets.clear();
    for (const group of Object.values(SANDBOX_GROUPS)) {
      const binding = groupBinding(group, this.roleById.get(group.roleId)!);
      this.bindings.set(binding.id, binding);
    }
    for (const { user, roleId } of seedAccounts(this.size)) {
      this.putUser(user);
      const binding = organizationBinding(
        uuidFrom(`arthur:binding:${user.id}`),
        this.memberOf(user),
        this.roleById.get(roleId)!,
        user.created_at,
      );
      this.bindings.set(binding.id, binding);
    }
    this.groups.reset(this.seededPeople());
  }

  /** Users, role bindings and group memberships, as plain JSON (roles, workspaces, groups and the organization are fixed). */
  save(): { users: WireUser[]; bindings: WireRoleBinding[]; groupMemberships: unknown[] } {
    return { users: [...this.users.values()], bindings: [...this.bindings.values()], groupMemberships: this.groups.save() };
  }

  load(saved: unknown): void {
    const { users, bindings, groupMemberships } = (saved ?? {}) as { users?: unknown; bindings?: unknown; groupMemberships?: unknown };
    if (!Array.isArray(users) || !Array.isArray(bindings)) throw new Error("not an Arthur sandbox state");
    this.users.clear();
    this.idByEmail.clear();
    this.bindings.clear();
    for (const user of users as WireUser[]) this.putUser(user);
    for (const binding of bindings as WireRoleBinding[]) this.bindings.set(binding.id, binding);
    this.groups.load(
      groupMemberships,
      this.seededPeople().map((id) => (this.users.has(id) ? id : "")),
    );
    this.views.clear();
  }

  // ── Reads ──────────────────────────────────────────────────────────────────

  get me(): WireUser | undefined {
    return this.users.get(SANDBOX_ME_ID);
  }

  user(id: string): WireUser | undefined {
    return this.users.get(id.toLowerCase());
  }

  userIdByEmail(email: string): string | undefined {
    return this.idByEmail.get(email.toLowerCase());
  }

  binding(id: string): WireRoleBinding | undefined {
    return this.bindings.get(id.toLowerCase());
  }

  listUsers(query: UserQuery): readonly WireUser[] {
    const { sort, order, types } = query;
    const sorted = this.view(`users:${sort}:${order}:${types.join()}`, () =>
      sortBy(
        [...this.users.values()].filter((user) => types.includes(user.user_type)),
        SORT_KEYS[sort],
        order,
      ),
    );
    if (!query.ids && !query.search) return sorted;
    const ids = query.ids ? new Set(query.ids) : null;
    const needle = query.search?.toLowerCase() ?? "";
    return sorted.filter(
      (user) => (!ids || ids.has(user.id)) && (!needle || contains(displayName(user), needle) || contains(user.email, needle)),
    );
  }

  /** Organization bindings; the user-type filter applies to user bindings only, as the spec says. */
  listBindings(query: BindingQuery): readonly WireRoleBinding[] {
    const { kind, types } = query;
    const base = this.view(`bindings:${kind ?? ""}:${types.join()}`, () =>
      [...this.bindings.values()].filter(
        (binding) =>
          binding.bound_resource_kind === "organization" &&
          (!kind || binding.bound_member_kind === kind) &&
          (binding.bound_member_kind !== "user" || types.includes(this.users.get(binding.bound_member.id)!.user_type)),
      ),
    );
    const needle = query.search?.toLowerCase();
    if (!needle) return base;
    return base.filter((b) => contains(b.bound_member.name, needle) || contains(b.role.name, needle) || b.bound_member.id === needle);
  }

  userBindings(userId: string): WireRoleBinding[] {
    return [...this.bindings.values()].filter((b) => b.bound_member_kind === "user" && b.bound_member.id === userId);
  }

  /** Whether the secret is the one last issued for this service account's client id. */
  clientSecretMatches(clientId: string, secret: string): boolean {
    const hash = this.secrets.get(clientId);
    return hash !== undefined && hash === createHash("sha256").update(secret).digest("base64url");
  }

  // ── Last-owner rule ────────────────────────────────────────────────────────

  isOwnerBinding(binding: WireRoleBinding): boolean {
    return binding.bound_member_kind === "user" && binding.bound_resource_kind === "organization" && this.ownerRoles.has(binding.role.id);
  }

  /** Whether an owner remains once the given binding, or every binding of the given user, is gone. */
  ownerRemainsWithout(exclude: { bindingId?: string; userId?: string }): boolean {
    for (const binding of this.bindings.values()) {
      if (!this.isOwnerBinding(binding) || binding.id === exclude.bindingId || binding.bound_member.id === exclude.userId) continue;
      return true;
    }
    return false;
  }

  // ── Changes ────────────────────────────────────────────────────────────────

  addUser(fields: NewUser): WireUser {
    const time = now();
    const user: WireUser = {
      created_at: time,
      updated_at: time,
      organization_id: this.organization.id,
      id: randomUUID(),
      picture: null,
      data_plane_id: null,
      client_id: null,
      organization_name: this.organization.name,
      ...fields,
    };
    this.putUser(user);
    return user;
  }

  updateUser(id: string, changes: Partial<Pick<WireUser, "first_name" | "last_name" | "email" | "picture">>): WireUser {
    const before = this.user(id)!;
    if (before.email) this.idByEmail.delete(before.email.toLowerCase());
    const after: WireUser = { ...before, ...changes, updated_at: now() };
    this.putUser(after);
    for (const binding of this.userBindings(after.id)) {
      this.bindings.set(binding.id, { ...binding, bound_member: { id: after.id, name: displayName(after) } });
    }
    return after;
  }

  /** A new client secret for a service account; the previous one stops working. */
  setClientSecret(clientId: string, secret: string): void {
    this.secrets.set(clientId, createHash("sha256").update(secret).digest("base64url"));
  }

  removeUser(id: string): void {
    const user = this.user(id)!;
    if (user.client_id) this.secrets.delete(user.client_id);
    for (const binding of this.userBindings(user.id)) this.bindings.delete(binding.id);
    this.groups.forgetUser(user.id);
    if (user.email) this.idByEmail.delete(user.email.toLowerCase());
    this.users.delete(user.id);
    this.views.clear();
  }

  addBinding(user: WireUser, role: WireRole): WireRoleBinding {
    const binding = organizationBinding(randomUUID(), this.memberOf(user), role, now());
    this.bindings.set(binding.id, binding);
    this.views.clear();
    return binding;
  }

  removeBinding(id: string): void {
    this.bindings.delete(id.toLowerCase());
    this.views.clear();
  }

  /** The seeded people's ids, in seed order (groups draw their members from them). */
  private seededPeople(): string[] {
    return seedAccounts(this.size)
      .filter(({ user }) => user.user_type === "user")
      .map(({ user }) => user.id);
  }

  /** Something outside this class changed (group memberships): drop cached views. */
  changed(): void {
    this.views.clear();
  }

  private putUser(user: WireUser): void {
    this.users.set(user.id, user);
    if (user.email) this.idByEmail.set(user.email.toLowerCase(), user.id);
    this.views.clear();
  }

  private memberOf(user: WireUser) {
    return { kind: "user" as const, id: user.id, name: displayName(user) };
  }

  private view<T>(key: string, build: () => T[]): readonly T[] {
    let cached = this.views.get(key) as readonly T[] | undefined;
    if (!cached) {
      cached = build();
      this.views.set(key, cached);
    }
    return cached;
  }
}
