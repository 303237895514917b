"use client";

import { useQuery } from "@tanstack/react-query";
import { Bot, MailX, Pencil, ShieldAlert, User, UserCog, UserMinus } from "lucide-react";
import { useState } from "react";
import type { PersonDetailResponse } from "@/lib/changes/types";
import { connectionsQueryOptions } from "@/lib/queries/connections";
import { RelativeTime } from "@/components/common/relative-time";
import { StatusDot } from "@/components/ui/badge";
import { GatedButton } from "@/components/members/gated-button";
import { MANAGED_WARNING } from "@/components/members/change-dialog-parts";
import { subjectOf } from "@/components/members/member-dialog-state";
import { useMemberDialogs } from "@/components/members/member-dialogs-provider";
import { useMembershipActions } from "@/components/members/membership-actions";
import { SandboxBadge } from "@/components/providers/mode-badge";
import { ProviderDot } from "@/components/providers/provider-dot";
import { providerLabel } from "@/components/providers/provider-meta";
import { EditArthurUserNameDialog } from "@/components/service-accounts/arthur-user-dialogs";
import { NEEDS_ADMIN, useCanChangeMembers } from "@/components/shell/operator-context";
import { roleLabel } from "@/lib/providers/role-label";

type DetailMembership = PersonDetailResponse["memberships"][number];

const th = "h-9 px-3 text-left text-xs font-medium whitespace-nowrap text-muted-foreground first:pl-4 last:pr-4";
const td = "px-3 py-2.5 align-middle first:pl-4 last:pr-4";

function Status({ membership }: { membership: DetailMembership }) {
  return membership.status === "invited" ? (
    <span className="inline-flex items-center gap-1.5 whitespace-nowrap text-amber-700 dark:text-amber-300">
      <StatusDot className="bg-amber-500" />
      Invited
    </span>
  ) : (
    <span className="inline-flex items-center gap-1.5 whitespace-nowrap">
      <StatusDot className="bg-emerald-500" />
      Active
    </span>
  );
}

/** The provider's last activity for this membership, "Never", or "Not reported" when the provider does not tell. */
function LastActive({ membership }: { membership: DetailMembership }) {
  if (membership.lastActiveAt === undefined) {
    return (
      <span className="whitespace-nowrap text-muted-foreground" title={`${providerLabel(membership.provider)} does not report activity`}>
        Not reported
      </span>
    );
  }
  if (membership.lastActiveAt === null) return <span className="whitespace-nowrap text-amber-700 dark:text-amber-300">Never</span>;
  return (
    <RelativeTime iso={membership.lastActiveAt} titlePrefix="Last active" className="whitespace-nowrap text-muted-foreground tabular" />
  );
}

function Actions({ person, membership }: { person: PersonDetailResponse; membership: DetailMembership }) {
  const dialogs = useMemberDialogs();
  const actions = useMembershipActions()(membership);
  const provider = providerLabel(membership.provider);
  const target = { person: subjectOf(person, person.isSelf), membership };
  const [editingName, setEditingName] = useState(false);
  const canChange = useCanChangeMembers();
  // Arthur is the one provider whose API lets Roster edit a person's name.
  const canEditName = membership.provider === "arthur" && membership.status === "active" && membership.kind === "person";
  return (
    <div className="flex flex-wrap justify-end gap-1.5">
      {canEditName ? (
        <GatedButton
          state={{ enabled: canChange, reason: NEEDS_ADMIN }}
          aria-label="Edit name on Arthur"
          onClick={() => setEditingName(true)}
        >
          <Pencil aria-hidden />
          Edit name
        </GatedButton>
      ) : null}
      {editingName ? <EditArthurUserNameDialog userId={membership.id} name={person.name} onClose={() => setEditingName(false)} /> : null}
      {actions.changeRole ? (
        <GatedButton
          state={actions.changeRole}
          aria-label={`Change role on ${provider}`}
          onClick={() => dialogs.open({ kind: "change-role", target })}
        >
          <UserCog aria-hidden />
          Change role
        </GatedButton>
      ) : null}
      {actions.remove ? (
        <GatedButton state={actions.remove} aria-label={`Remove from ${provider}`} onClick={() => dialogs.open({ kind: "remove", target })}>
          <UserMinus aria-hidden />
          Remove
        </GatedButton>
      ) : null}
      {actions.revokeInvite ? (
        <GatedButton
          state={actions.revokeInvite}
          aria-label={`Revoke invite on ${provider}`}
          onClick={() => dialogs.open({ kind: "revoke-invite", target })}
        >
          <MailX aria-hidden />
          Revoke invite
        </GatedButton>
      ) : null}
    </div>
  );
}

/** Every membership and pending invite of the person, one row each, with its actions. */
export function PersonMemberships({ person }: { person: PersonDetailResponse }) {
  const connections = useQuery(connectionsQueryOptions());
  const sandboxed = new Set(connections.data?.connections.filter((c) => c.mode === "sandbox").map((c) => c.id));
  return (
    <div className="overflow-hidden rounded-lg border border-border bg-surface shadow-xs">
      <div className="relative overflow-x-auto">
        <table aria-label="Memberships" className="w-full border-collapse text-[13px]">
          <thead className="border-b border-border bg-subtle">
            <tr>
              <th scope="col" className={th}>
                Provider
              </th>
              <th scope="col" className={th}>
                Role
              </th>
              <th scope="col" className={th}>
                Project and workspace roles
              </th>
              <th scope="col" className={th}>
                Status · kind
              </th>
              <th scope="col" className={th}>
                Added
              </th>
              <th scope="col" className={th}>
                Last active
              </th>
              <th scope="col" className={th}>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {person.memberships.map((membership) => (
              <tr
                key={`${membership.provider}:${membership.id}`}
                data-provider={membership.provider}
                className="border-b border-border last:border-0 hover:bg-subtle"
              >
                <td className={td}>
                  <div className="flex items-center gap-2 whitespace-nowrap">
                    <ProviderDot provider={membership.provider} />
                    <span className="font-medium">{providerLabel(membership.provider)}</span>
                    {sandboxed.has(membership.provider) ? <SandboxBadge /> : null}
                  </div>
                  <div
                    className="mt-0.5 max-w-44 truncate font-mono text-[11px] text-muted-foreground"
                    title={`${providerLabel(membership.provider)} id ${membership.id}`}
                  >
                    {membership.id}
                  </div>
                </td>
                <td className={td}>
                  <span className="inline-flex items-center gap-1.5 whitespace-nowrap">
                    {roleLabel(membership.role)}
                    {membership.managed ? (
                      <span title={MANAGED_WARNING} className="inline-flex items-center gap-1 text-xs text-amber-700 dark:text-amber-300">
                        <ShieldAlert aria-hidden className="size-3.5" />
                        Managed
                      </span>
                    ) : null}
                  </span>
                </td>
                <td className={td}>
                  {membership.scopedRoles?.length ? (
                    <ul className="space-y-0.5">
                      {membership.scopedRoles.map((scoped) => (
                        <li
                          key={`${scoped.scopeId}:${scoped.via?.id ?? ""}:${scoped.role}`}
                          className="whitespace-nowrap"
                          title={scoped.unreadable}
                        >
                          {/* An organization role through a group reads "Organization Admin via group data-team": the organization goes without saying. */}
                          {scoped.scope === "organization" && scoped.via ? null : (
                            <span className="text-muted-foreground">
                              {scoped.scope === "project" ? `Project ${scoped.scopeName}` : scoped.scopeName}:{" "}
                            </span>
                          )}
                          {roleLabel(scoped.role)}
                          {scoped.via ? (
                            <span className="text-muted-foreground">
                              {" "}
                              via {scoped.via.kind} {scoped.via.name}
                            </span>
                          ) : null}
                          {scoped.unreadable ? (
                            <span className="text-muted-foreground"> (could not be read: {scoped.unreadable})</span>
                          ) : null}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <span className="text-muted-foreground">—</span>
                  )}
                </td>
                <td className={td}>
                  <Status membership={membership} />
                  <div className="mt-0.5 flex items-center gap-1.5 text-xs whitespace-nowrap text-muted-foreground">
                    {membership.kind === "service_account" ? (
                      <Bot aria-hidden className="size-3.5" />
                    ) : (
                      <User aria-hidden className="size-3.5" />
                    )}
                    {membership.kind === "service_account" ? "Service account" : "Person"}
                  </div>
                </td>
                <td className={td}>
                  {membership.addedAt ? (
                    <RelativeTime
                      iso={membership.addedAt}
                      titlePrefix="Added"
                      className="whitespace-nowrap text-muted-foreground tabular"
                    />
                  ) : (
                    <span className="text-muted-foreground">—</span>
                  )}
                  {membership.fresh ? null : <div className="text-[11px] whitespace-nowrap text-muted-foreground">from last sync</div>}
                </td>
                <td className={td}>
                  <LastActive membership={membership} />
                </td>
                <td className={td}>
                  <Actions person={person} membership={membership} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
