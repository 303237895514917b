import { ApiError } from "../api/errors";
import { Refusal } from "../audit/change";
import { snapshotMembers } from "../directory/snapshot";
import type { Member, ProviderAdapter, ProviderId, Role, Workspace } from "../providers/types";

/**
 * Roster's rules for roles below the organization: OpenAI projects, Astronomer (and Arthur)
 * workspaces. `workspaceId` is the API's name for either.
 */

/** "project" or "workspace", as the provider calls it (for words in answers and the audit log). */
export function scopeWord(workspace: Pick<Workspace, "kind"> | undefined): "project" | "workspace" {
  return workspace?.kind === "project" ? "project" : "workspace";
}

/** The member's own role in a project or workspace (not one a team or group gives). */
export function directRoleIn(member: Member, workspaceId: string): string | null {
  return member.scopedRoles?.find((s) => s.scopeId === workspaceId && s.scope !== "organization" && !s.via)?.role ?? null;
}

/**
 * `add: true` gives a role in a project or workspace the member is not in yet: only where the
 * provider's API can (capabilities.addToWorkspace), and only to someone not already in it.
 */
export function checkAdd(
  adapter: ProviderAdapter,
  label: string,
  member: Member | undefined,
  workspace: Workspace,
  add: boolean | undefined,
): void {
  if (!add) return;
  const word = scopeWord(workspace);
  if (!adapter.capabilities.addToWorkspace) {
    throw new ApiError("unsupported", `${label}'s API cannot add a member to a ${word}: give a role only in a ${word} they are in`);
  }
  if (member && directRoleIn(member, workspace.id) !== null) {
    throw new ApiError(
      "invalid_input",
      `add: ${member.email ?? member.id} is already in the ${word} ${workspace.name}: change their role instead`,
      [{ field: "add", message: `already in the ${word}` }],
    );
  }
}

const isScopeOwner = (roles: Role[], role: string) =>
  roles.some((r) => r.scope === "workspace" && (r.id === role || r.name === role) && r.isOwner);

/**
 * A project (OpenAI) must keep an owner: demoting or removing its last one is refused before
 * any provider call. Owners are counted however they hold the role, directly or through a
 * group. Applies where the provider's catalogue marks a project or workspace role `isOwner`
 * (OpenAI's project `owner`; Astronomer's spec does not require a workspace to keep an owner).
 */
export function checkLastScopeOwner(
  provider: ProviderId,
  label: string,
  roles: Role[],
  member: Member,
  workspace: Workspace,
  newRole: string | null,
): void {
  const current = directRoleIn(member, workspace.id);
  if (current === null || !isScopeOwner(roles, current)) return;
  if (newRole !== null && isScopeOwner(roles, newRole)) return;
  const others = snapshotMembers(provider).filter(
    (m) =>
      m.status === "active" &&
      (m.scopedRoles ?? []).some(
        (s) => s.scopeId === workspace.id && s.scope !== "organization" && isScopeOwner(roles, s.role) && (m.id !== member.id || s.via),
      ),
  );
  if (others.length === 0) {
    const who = member.name || member.email || member.id;
    const word = scopeWord(workspace);
    throw new Refusal(
      "last_owner",
      `${who} is the last owner of the ${label} ${word} ${workspace.name}. Make someone else an owner of it first.`,
    );
  }
}
