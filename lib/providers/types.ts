/**
 * The one provider interface. Every provider folder (lib/providers/<id>/) exports an
 * adapter factory that returns a ProviderAdapter (lib/providers/module.ts).
 * All values here are already mapped to Roster's domain model: provider wire shapes
 * never leave the provider folder.
 */

import type { ProviderId } from "./catalog";
import type { ReadReport } from "./read-report";

// The provider list and labels come from the providers' descriptors (lib/providers/catalog.ts).
export { PROVIDER_IDS, PROVIDER_LABELS, type ProviderId } from "./catalog";

export type MemberStatus = "active" | "invited";
export type MemberKind = "person" | "service_account";

/** A role assignment on a sub-resource of the organization (Astronomer workspaces). */
export interface ScopedRole {
  /** `organization`: an organization role granted through a team or group (Astronomer v1 teams), beside the member's own. */
  scope: "organization" | "project" | "workspace";
  scopeId: string;
  scopeName: string;
  role: string;
  /** Granted through a team or group, not to the member directly (Astronomer v1 teams). */
  via?: { kind: "team" | "group"; id: string; name: string };
  /** The role could not be read (the provider refused that part); why, for people. `role` is then `unknown`. */
  unreadable?: string;
}

/** One account inside one provider organization. */
export interface Member {
  provider: ProviderId;
  /** The provider's own id for the account (user id). */
  id: string;
  /** As the provider gives it (not normalised); null when the provider has none (service accounts). */
  email: string | null;
  name: string;
  /** Provider-native organization role name, e.g. `owner`, `ORGANIZATION_MEMBER`, `Organization Admin`. */
  role: string;
  /** Provider role id where roles are data (Arthur role id); otherwise equal to `role`. */
  roleId: string;
  status: MemberStatus;
  kind: MemberKind;
  /** ISO-8601 time the account joined (or was invited), when the provider says. */
  addedAt: string | null;
  /** Managed by SCIM or an identity provider: changes may be undone by the IdP. */
  managed: boolean;
  /** Extra role assignments below the organization (Astronomer workspace roles). */
  scopedRoles?: ScopedRole[];
  /** Arthur: the id of the organization role binding behind `role` (needed to change it). */
  bindingId?: string;
  /** Set when Roster could not read this member's role (`role` is then empty): why, in words. */
  roleUnknown?: string;
  /**
   * ISO time of the member's last activity the provider reports (OpenAI: last API key use;
   * Astronomer: last login). null: the provider says never; absent: the provider does not tell.
   */
  lastActiveAt?: string | null;
}

/** A pending invitation on a provider. */
export interface Invite {
  provider: ProviderId;
  id: string;
  email: string;
  role: string;
  createdAt: string | null;
  expiresAt: string | null;
}

export interface Role {
  /** Provider role id (Arthur: uuid; others: the role name). */
  id: string;
  name: string;
  scope: "organization" | "workspace";
  description?: string;
  /** Whether holding this role makes a member an organization owner (last-owner rule). */
  isOwner: boolean;
  /**
   * Whether granting this role needs a second admin's approval (the two-person rule): it
   * lets its holder administer the organization (or, Astronomer, a workspace). Each
   * provider's role catalogue defines it.
   */
  adminLevel: boolean;
}

export interface Workspace {
  id: string;
  name: string;
  /** "project" on OpenAI; "workspace" (or absent) on Astronomer and Arthur. */
  kind?: "project" | "workspace";
}

/** A group (OpenAI, Arthur) or team (Astronomer) and what it grants. */
export interface Group {
  id: string;
  name: string;
  kind: "group" | "team";
  /** The provider user ids of its members. */
  memberIds: string[];
  /** Roles the group grants (organization, project or workspace), without `via`. */
  roles: ScopedRole[];
}

/** Who Roster is signed in as on the provider. */
export interface Identity {
  id: string;
  name: string;
  email: string | null;
  organization: string | null;
}

export interface ProviderCapabilities {
  /** The provider can list its pending invites (Arthur cannot: Roster keeps a ledger). */
  listInvites: boolean;
  revokeInvite: boolean;
  /** Roles below the organization (Astronomer workspaces). */
  workspaceRoles: boolean;
  /** Service accounts can be created and their credentials regenerated (Arthur). */
  serviceAccounts: boolean;
  /** A member can be removed from the organization (false: Astronomer v1 has no such endpoint). Absent means yes. */
  removeFromOrganization?: boolean;
  /** Groups or teams: "read" (listGroups) or "manage" (also addToGroup/removeFromGroup). Absent: none. */
  groups?: "read" | "manage";
  /** A role can be given in a project or workspace the member is not in yet (ChangeRoleInput.add). */
  addToWorkspace?: boolean;
}

export interface ListProgress {
  fetched: number;
  total: number | null;
}

export interface ListOptions {
  signal?: AbortSignal;
  onProgress?: (progress: ListProgress) => void;
  /** Where a read notes deviations and parts it could not read (lib/providers/read-report.ts). */
  report?: ReadReport;
}

/** A project (OpenAI) the invitee joins on accepting, with its project role id. */
export interface InviteProject {
  id: string;
  role: string;
}

export interface InviteInput {
  email: string;
  /** Role id (see Role.id). */
  role: string;
  /** OpenAI: the projects the invitee joins on accepting; none given means none (not the default project). */
  projects?: InviteProject[];
}

export interface ChangeRoleInput {
  memberId: string;
  /** Role id (see Role.id). */
  role: string;
  /** Astronomer workspace role: the workspace it applies to. */
  workspaceId?: string;
  /** The member holds no role in `workspaceId` yet: add them to it with this role. */
  add?: boolean;
}

export interface RemoveMemberInput {
  memberId: string;
  /** Astronomer: remove from one workspace instead of the organization. */
  workspaceId?: string;
}

export interface ProviderAdapter {
  readonly id: ProviderId;
  readonly label: string;
  readonly capabilities: ProviderCapabilities;

  whoami(options?: ListOptions): Promise<Identity>;
  /** Every member, across every page. */
  listMembers(options?: ListOptions): Promise<Member[]>;
  /** Pending invites (empty for providers without `capabilities.listInvites`). */
  listInvites(options?: ListOptions): Promise<Invite[]>;
  listRoles(options?: ListOptions): Promise<Role[]>;
  listWorkspaces(options?: ListOptions): Promise<Workspace[]>;
  /** One member read fresh from the provider; null when the provider has no such member. */
  getMember(memberId: string, options?: ListOptions): Promise<Member | null>;

  invite(input: InviteInput): Promise<Invite | null>;
  revokeInvite(inviteId: string): Promise<void>;
  changeRole(input: ChangeRoleInput): Promise<void>;
  removeMember(input: RemoveMemberInput): Promise<void>;
  listGroups?(options?: ListOptions): Promise<Group[]>;
  addToGroup?(input: { memberId: string; groupId: string }): Promise<void>;
  removeFromGroup?(input: { memberId: string; groupId: string }): Promise<void>;
  /** Membership changes the provider's own audit log holds since `since` (absent: the provider has no readable log). */
  readChanges?(since: Date, options?: ListOptions): Promise<ProviderChange[]>;
  /** Each member's usage since `since` (absent: the provider has no usage read by member). */
  readUsage?(since: Date, options?: ListOptions): Promise<MemberUsage[]>;
}

/** One member's use of a provider over a window (OpenAI's usage API grouped by user). */
export interface MemberUsage {
  memberId: string;
  /** Requests made in the window. */
  requests: number;
  /** The end of the last usage bucket (day) they made requests in. */
  lastActiveAt: string;
}

/** A membership change the provider's own audit log records (OpenAI `/organization/audit_logs`). */
export interface ProviderChange {
  provider: ProviderId;
  /** The provider's id of the log entry. */
  id: string;
  /** ISO time the change took effect. */
  at: string;
  action: "member_added" | "role_changed" | "member_removed" | "invite_sent" | "invite_accepted" | "invite_revoked";
  /** The user (or, for invite events, the invite) the change was made to. */
  targetId: string | null;
  email: string | null;
  /** The role set or granted, as the provider spells it. */
  role: string | null;
  /** Who made it on the provider: a signed-in session (the provider's console) or an API key. */
  actor: { kind: "session" | "api_key" | "unknown"; id: string | null; email: string | null };
}

/** Connection settings an adapter factory receives (resolved by lib/config). */
export interface ProviderConnection {
  baseUrl: string;
  /** A fixed bearer token; empty when `clientCredentials` signs Roster in instead. */
  token: string;
  /** OAuth2 client credentials exchanged for short-lived tokens (Arthur). */
  clientCredentials?: { clientId: string; clientSecret: string };
  /** Astronomer organization id. */
  organizationId?: string;
  timeoutMs?: number;
}
