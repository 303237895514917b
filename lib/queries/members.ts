import type { QueryClient, QueryKey } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api/fetcher";
import type { ChangeResult, PersonDetailResponse } from "@/lib/changes/types";
import type { Membership, UsersResponse } from "@/lib/directory/types";
import type { ApprovalRequiredResponse } from "@/lib/invites/types";
import type { ProviderId } from "@/lib/providers/types";
import { useChangeMutation, type ChangeMutationOptions } from "./change-mutation";
import { peopleKeys, usersKeys } from "./keys";

export interface ChangeRoleInput {
  provider: ProviderId;
  memberId: string;
  /** Role id as `/api/roles` lists it. */
  role: string;
  /** Shown in place of the old role until the server answers (defaults to `role`). */
  roleName?: string;
  /** The project (OpenAI) or workspace (Astronomer) whose role changes (the organization role when absent). */
  workspaceId?: string;
  /** The member is not in `workspaceId` yet: add them with the role. */
  add?: boolean;
  /** The project's or workspace's name and kind, shown until the server answers (an added grant). */
  workspaceName?: string;
  workspaceKind?: "project" | "workspace";
  confirmSelf?: boolean;
}

export interface RemoveMemberInput {
  provider: ProviderId;
  memberId: string;
  /** Astronomer: remove from this workspace only. */
  workspaceId?: string;
  confirmSelf?: boolean;
}

export interface RevokeInviteInput {
  provider: ProviderId;
  inviteId: string;
}

function memberPath(provider: ProviderId, memberId: string): string {
  return `/api/members/${provider}/${encodeURIComponent(memberId)}`;
}

/** The change done, or (an admin-level grant under the two-person rule) the request a second admin approves. */
export async function changeMemberRole({
  provider,
  memberId,
  role,
  workspaceId,
  add,
  confirmSelf,
}: ChangeRoleInput): Promise<ChangeResult | ApprovalRequiredResponse> {
  const body = await apiFetch<{ result: ChangeResult } | ApprovalRequiredResponse>(memberPath(provider, memberId), {
    method: "PATCH",
    json: { role, workspaceId, add: add || undefined, confirmSelf },
  });
  return "approvalRequired" in body ? body : body.result;
}

export function isApprovalRequired(value: unknown): value is ApprovalRequiredResponse {
  return Boolean(value && typeof value === "object" && (value as { approvalRequired?: unknown }).approvalRequired === true);
}

export async function removeMember({ provider, memberId, workspaceId, confirmSelf }: RemoveMemberInput) {
  const params = new URLSearchParams();
  if (workspaceId) params.set("workspaceId", workspaceId);
  if (confirmSelf) params.set("confirmSelf", "true");
  const search = params.toString();
  const body = await apiFetch<{ result: ChangeResult }>(`${memberPath(provider, memberId)}${search ? `?${search}` : ""}`, {
    method: "DELETE",
  });
  return body.result;
}

export async function revokeInvite({ provider, inviteId }: RevokeInviteInput) {
  const body = await apiFetch<{ result: ChangeResult }>(`/api/invites/${provider}/${encodeURIComponent(inviteId)}`, {
    method: "DELETE",
  });
  return body.result;
}

/** The membership with its new role (organization or one workspace). */
function withRole<T extends Membership>(membership: T, input: ChangeRoleInput): T {
  if (membership.provider !== input.provider || membership.id !== input.memberId) return membership;
  const shown = input.roleName ?? input.role;
  if (!input.workspaceId) return { ...membership, role: shown };
  if (input.add) {
    const added = {
      ...(input.workspaceKind === "project" ? { scope: "project" as const } : {}),
      scopeId: input.workspaceId,
      scopeName: input.workspaceName ?? input.workspaceId,
      role: shown,
    };
    return { ...membership, scopedRoles: [...(membership.scopedRoles ?? []), added] };
  }
  return {
    ...membership,
    scopedRoles: membership.scopedRoles?.map((scoped) => (scoped.scopeId === input.workspaceId ? { ...scoped, role: shown } : scoped)),
  };
}

type Snapshot = Array<[QueryKey, unknown]>;

async function showRoleChange(input: ChangeRoleInput, queryClient: QueryClient): Promise<Snapshot> {
  await Promise.all([
    queryClient.cancelQueries({ queryKey: usersKeys.lists() }),
    queryClient.cancelQueries({ queryKey: peopleKeys.details() }),
  ]);
  const snapshot: Snapshot = [
    ...queryClient.getQueriesData<UsersResponse>({ queryKey: usersKeys.lists() }),
    ...queryClient.getQueriesData<PersonDetailResponse>({ queryKey: peopleKeys.details() }),
  ];
  queryClient.setQueriesData<UsersResponse>({ queryKey: usersKeys.lists() }, (data) =>
    data
      ? {
          ...data,
          people: data.people.map((person) => ({
            ...person,
            memberships: person.memberships.map((membership) => withRole(membership, input)),
          })),
        }
      : data,
  );
  queryClient.setQueriesData<PersonDetailResponse>({ queryKey: peopleKeys.details() }, (data) =>
    data ? { ...data, memberships: data.memberships.map((membership) => withRole(membership, input)) } : data,
  );
  return snapshot;
}

function restore(snapshot: Snapshot, queryClient: QueryClient) {
  for (const [key, data] of snapshot) queryClient.setQueryData(key, data);
}

/** Changes one member's role; the users list and the person show it at once and roll back on failure. */
export function useChangeRole(options?: ChangeMutationOptions<ChangeResult | ApprovalRequiredResponse, ChangeRoleInput>) {
  return useChangeMutation<ChangeResult | ApprovalRequiredResponse, ChangeRoleInput, Snapshot>(
    {
      mutationFn: changeMemberRole,
      errorTitle: () => "Could not change the role",
      onMutate: showRoleChange,
      rollback: restore,
    },
    options,
  );
}

export function useRemoveMember(options?: ChangeMutationOptions<ChangeResult, RemoveMemberInput>) {
  return useChangeMutation({ mutationFn: removeMember, errorTitle: () => "Could not remove the member" }, options);
}

export function useRevokeInvite(options?: ChangeMutationOptions<ChangeResult, RevokeInviteInput>) {
  return useChangeMutation({ mutationFn: revokeInvite, errorTitle: () => "Could not revoke the invite" }, options);
}
