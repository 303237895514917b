import type { Member, ProviderId, Role } from "../providers/types";
import type { ReviewScope, ScopedRoleView } from "./types";

/**
 * Which memberships a campaign reviews, from the stored directory: pure, so the rules are
 * tested without a provider. One item per membership (a person on two providers is two
 * items: each is decided, and changed, on its own provider). Pending invites are not
 * memberships and are left out; service accounts only when asked.
 */

export interface ItemDraft {
  provider: ProviderId;
  memberId: string;
  email: string | null;
  name: string;
  role: string;
  roleId: string;
  adminLevel: boolean;
  scopedRoles: ScopedRoleView[];
  addedAt: string | null;
  managed: boolean;
}

const matchesRole = (roles: Role[], wanted: string, member: Member) => {
  const w = wanted.toLowerCase();
  if (member.roleId.toLowerCase() === w || member.role.toLowerCase() === w) return true;
  const role = roles.find((r) => r.id === member.roleId || r.name === member.role);
  return role ? role.name.toLowerCase() === w || role.id.toLowerCase() === w : false;
};

/** Admin-level or owner by the provider's catalogue: the member's own organization role, or one a team grants. */
export function isAdminLevel(roles: Role[], member: Member): boolean {
  const elevated = (roleRef: string) =>
    roles.some((r) => r.scope === "organization" && (r.id === roleRef || r.name === roleRef) && (r.adminLevel || r.isOwner));
  if (elevated(member.roleId) || elevated(member.role)) return true;
  return (member.scopedRoles ?? []).some((s) => s.scope === "organization" && elevated(s.role));
}

function scopedView(member: Member): ScopedRoleView[] {
  return (member.scopedRoles ?? []).map((s) => ({
    scope: s.scope,
    scopeName: s.scopeName,
    role: s.role,
    via: s.via ? `${s.via.kind} ${s.via.name}` : null,
  }));
}

/**
 * Inactive for at least `days` by what the provider reports: never active counts, a provider
 * that does not tell (no `lastActiveAt`) never does (Roster cannot say the seat is idle).
 */
export function inactiveFor(member: Member, days: number, now: number): boolean {
  if (member.lastActiveAt === undefined) return false;
  if (member.lastActiveAt === null) return true;
  const at = Date.parse(member.lastActiveAt);
  return Number.isFinite(at) && now - at >= days * 86_400_000;
}

export function inScope(scope: ReviewScope, provider: ProviderId, roles: Role[], member: Member, now = Date.now()): boolean {
  if (scope.providers?.length && !scope.providers.includes(provider)) return false;
  if (member.status !== "active") return false;
  if (member.kind === "service_account" && !scope.includeServiceAccounts) return false;
  if (scope.adminsOnly && !isAdminLevel(roles, member)) return false;
  if (scope.roles?.length && !scope.roles.some((r) => matchesRole(roles, r, member))) return false;
  if (
    scope.workspaces?.length &&
    !(member.scopedRoles ?? []).some((s) => s.scope !== "organization" && scope.workspaces!.includes(s.scopeId))
  )
    return false;
  if (scope.inactiveDays && !inactiveFor(member, scope.inactiveDays, now)) return false;
  return true;
}

/** The items of a campaign over one provider's members. */
export function itemsFor(
  scope: ReviewScope,
  provider: ProviderId,
  roles: Role[],
  members: readonly Member[],
  now = Date.now(),
): ItemDraft[] {
  return members
    .filter((m) => inScope(scope, provider, roles, m, now))
    .map((m) => ({
      provider,
      memberId: m.id,
      email: m.email,
      name: m.name || m.email || m.id,
      role: m.role,
      roleId: m.roleId,
      adminLevel: isAdminLevel(roles, m),
      scopedRoles: scopedView(m),
      addedAt: m.addedAt,
      managed: m.managed,
    }));
}
