import { ProviderError } from "../errors";
import type { ChangeRoleInput, ProviderAdapter, ProviderConnection, RemoveMemberInput, Role } from "../types";
import { createArthurClient } from "./client";
import { MEMBER_USER_TYPES, arthurLists, withGroupGrants } from "./lists";
import { toGroups } from "./groups";
import { readItems, readOne } from "../tolerant";
import { primaryBinding, toIdentity, toMember, toRole, USER_ITEM, type UserOrgBinding } from "./mapping";
import { adminLevelRoleIds, ownerRoleIds } from "./roles";
import { arthurEmail } from "./email";

export { arthurExtras, type ArthurCredentials, type ArthurExtras, type NewCredentials } from "./extras";
export { ARTHUR_ROLE_NAMES, OWNER_PERMISSIONS, isArthurOwnerRole, ownerRoleIds } from "./roles";
export { NO_ORGANIZATION_ROLE, type ArthurAccount } from "./mapping";
export { arthurErrorMessage } from "./client";
export { Secret } from "./secret";

/** The answer for what Arthur's API cannot do. */
export function unsupported(message: string): ProviderError {
  return new ProviderError({ provider: "arthur", kind: "http", status: 501, message });
}

export function createArthurAdapter(connection: ProviderConnection): ProviderAdapter {
  const client = createArthurClient(connection);
  const lists = arthurLists(client);
  let organizationId: Promise<string> | null = null;

  /** The caller's organization (an invite binds its role there); asked once, again after a failure. */
  function currentOrganizationId(): Promise<string> {
    organizationId ??= client.getMe().then(
      (me) => {
        const id = readOne("arthur", USER_ITEM, me).organization_id;
        if (!id) throw unsupported("Arthur's answer for the signed-in user has no organization_id");
        return id;
      },
      (error: unknown) => {
        organizationId = null;
        throw error;
      },
    );
    return organizationId;
  }

  /** Puts back bindings removed by a role change that then failed; best effort, the first error is the one reported. */
  async function restoreBindings(memberId: string, removed: UserOrgBinding[]): Promise<void> {
    for (const binding of removed) {
      await client.createRoleBinding({ role_id: binding.role.id, user_id: memberId }).catch(() => undefined);
    }
  }

  return {
    id: "arthur",
    label: "Arthur",
    capabilities: { listInvites: false, revokeInvite: false, workspaceRoles: false, serviceAccounts: true, groups: "manage" },

    async whoami(options) {
      return toIdentity(readOne("arthur", USER_ITEM, await client.getMe(options?.signal), options?.report));
    },

    listMembers: (options) => lists.members(options),

    /** Arthur has no invite list; Roster keeps its own ledger of the invites it sent. */
    async listInvites() {
      return [];
    },

    async listRoles(options): Promise<Role[]> {
      const roles = await lists.roles(options);
      const owners = ownerRoleIds(roles);
      const adminLevel = adminLevelRoleIds(roles);
      return roles
        .filter((role) => role.organization_bindable)
        .map((role) => toRole(role, owners, adminLevel))
        .sort((a, b) => a.name.localeCompare(b.name));
    },

    async listWorkspaces(options) {
      return (await lists.workspaces(options)).map(({ id, name }) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
    },

    /** Arthur has no GET by id: filter the user list by `user_ids`. */
    async getMember(memberId, options = {}) {
      const [found, bindings, owners, viaGroups] = await Promise.all([
        client.listUsers({ user_ids: [memberId], user_types: MEMBER_USER_TYPES }, options.signal),
        lists.memberBindings(memberId, options),
        lists.ownerRoles(options),
        lists.groupGrantsOf([memberId], options),
      ]);
      const user = readItems(USER_ITEM, found.records, options.report).find((record) => record.id.toLowerCase() === memberId.toLowerCase());
      return user ? withGroupGrants(toMember(user, primaryBinding(bindings, owners)), viaGroups) : null;
    },

    /** Arthur answers 201 without an invite object, so there is nothing to return. */
    async invite({ email, role }) {
      const resourceId = await currentOrganizationId();
      await client.inviteUser({
        email: arthurEmail(email),
        role_binding: { role_id: role, bound_resource_kind: "organization", resource_id: resourceId },
      });
      return null;
    },

    async revokeInvite() {
      throw unsupported("Arthur has no API to revoke invites");
    },

    /**
     * Bindings cannot be edited: delete the member's other organization bindings, then
     * bind the new role. Deleting first means a refused delete (the last owner) changes nothing.
     */
    async changeRole({ memberId, role, workspaceId }: ChangeRoleInput) {
      if (workspaceId) throw unsupported("Arthur workspace roles are not managed through Roster");
      const current = await lists.memberBindings(memberId);
      const stale = current.filter((binding) => binding.role.id !== role);
      const removed: UserOrgBinding[] = [];
      try {
        for (const binding of stale) {
          await client.deleteRoleBinding(binding.id);
          removed.push(binding);
        }
        if (stale.length === current.length) await client.createRoleBinding({ role_id: role, user_id: memberId });
      } catch (error) {
        await restoreBindings(memberId, removed);
        throw error;
      }
    },

    async removeMember({ memberId, workspaceId }: RemoveMemberInput) {
      if (workspaceId) throw unsupported("Arthur workspace memberships are not managed through Roster");
      await client.deleteUser(memberId);
    },

    /** Groups with their organization role bindings and members (three paged lists). */
    async listGroups(options) {
      const [groups, bindings, memberships] = await Promise.all([
        lists.groups(options),
        lists.groupBindings(options),
        lists.groupMemberships(options),
      ]);
      return toGroups(groups, bindings, memberships);
    },

    async addToGroup({ memberId, groupId }) {
      await client.addGroupUsers(groupId, { user_ids: [memberId] });
    },

    async removeFromGroup({ memberId, groupId }) {
      await client.removeGroupUsers(groupId, { user_ids: [memberId] });
    },
  };
}
