import { createLimiter } from "../paging";
import type { ListOptions, ProviderAdapter, ProviderCapabilities, ProviderConnection } from "../types";
import { type AstroApi, astroVersionOf } from "./api";
import { createV1Api } from "./api-v1";
import { createV1alpha1Api } from "./api-v1alpha1";
import type { ReadContext } from "./reading";
import { ASTRONOMER_ROLES, ASTRONOMER_V1_ROLES } from "./roles";

export { ASTRONOMER_ROLES, isOwnerRole, ORGANIZATION_ROLES, ROLE, WORKSPACE_ROLES } from "./roles";
export { astroVersionOf } from "./api";

/**
 * The one Astronomer adapter. It speaks the API version its base URL names (`…/v1` or
 * `…/v1alpha1`); each version has its own wire schemas, client and reads (api-v1.ts,
 * api-v1alpha1.ts) behind one interface (api.ts).
 */

/** v1alpha1 sets no maximum `limit`; 1000 is v1's documented maximum, safe for both. */
const PAGE_SIZE = 1000;

export interface AstronomerAdapterTuning {
  /** Page size of the list reads (tests use small pages to exercise pagination). */
  pageSize?: number;
  /** The clock that decides whether an invite has expired. */
  now?: () => number;
}

/** v1alpha1's capabilities (v1 lists no invite ids to revoke and cannot remove from the organization). */
export const ASTRONOMER_CAPABILITIES: ProviderCapabilities = {
  listInvites: true,
  revokeInvite: true,
  workspaceRoles: true,
  serviceAccounts: false,
};

export function createAstronomerAdapter(connection: ProviderConnection, tuning: AstronomerAdapterTuning = {}): ProviderAdapter {
  if (!connection.organizationId) throw new Error("Astronomer needs an organization id (ASTRONOMER_ORGANIZATION_ID)");
  const options = { ...connection, organizationId: connection.organizationId };
  const apiTuning = { pageSize: tuning.pageSize ?? PAGE_SIZE, now: tuning.now ?? Date.now };
  const api: AstroApi =
    astroVersionOf(connection.baseUrl) === "v1" ? createV1Api(options, apiTuning) : createV1alpha1Api(options, apiTuning);
  const roles = api.version === "v1" ? ASTRONOMER_V1_ROLES : ASTRONOMER_ROLES;
  /** One limiter per operation: all of its reads together stay within one bound. */
  const ctx = (options: ListOptions = {}): ReadContext => ({
    limit: createLimiter(),
    signal: options.signal,
    report: options.report,
    onProgress: options.onProgress,
  });

  return {
    id: "astronomer",
    label: "Astronomer",
    capabilities: api.capabilities,
    whoami: (options = {}) => api.whoami(options.signal),
    listMembers: (options) => api.members(ctx(options)),
    listInvites: (options) => api.invites(ctx(options)),
    listRoles: async () => [...roles],
    listWorkspaces: (options) => api.workspaces(ctx(options)),
    getMember: (memberId, options) => api.member(memberId, ctx(options)),
    invite: (input) => api.invite(input),
    revokeInvite: (inviteId) => api.revokeInvite(inviteId),
    changeRole: (input) => api.changeRole(input),
    removeMember: (input) => api.removeMember(input),
  };
}
