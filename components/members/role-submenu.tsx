"use client";

import { useQuery } from "@tanstack/react-query";
import { directScopedRoles } from "@/components/users/person-summary";
import { UserCog } from "lucide-react";
import { Fragment, useId } from "react";
import type { Membership } from "@/lib/directory/types";
import { findRole, rolesOf, rolesQueryOptions, type ProviderRole } from "@/lib/queries/roles";
import {
  DropdownMenuItem,
  DropdownMenuItemHint,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuSub,
  DropdownMenuSubContent,
  DropdownMenuSubTrigger,
} from "@/components/ui/dropdown-menu";
import { providerLabel } from "@/components/providers/provider-meta";
import type { ActionState } from "./membership-actions";
import { roleLabel } from "@/lib/providers/role-label";

interface RoleSubmenuProps {
  membership: Membership;
  state: ActionState;
  /** A different role was chosen: confirm it in the change-role dialog. */
  onPick: (roleId: string, workspaceId?: string) => void;
}

function RoleRadioGroup({
  roles,
  current,
  onPick,
}: {
  roles: ProviderRole[];
  current: string | undefined;
  onPick: (roleId: string) => void;
}) {
  const known = current ? findRole(roles, current) : undefined;
  const value = current ? (known?.id ?? current) : "";
  return (
    <DropdownMenuRadioGroup value={value} onValueChange={(next) => (next !== value ? onPick(next) : undefined)}>
      {current && !known ? (
        // A role Roster has no catalogue entry for: shown as current, as the provider spells it, never offered.
        <DropdownMenuRadioItem value={current} disabled>
          <span className="truncate">{current} (not a role Roster knows)</span>
        </DropdownMenuRadioItem>
      ) : null}
      {roles.map((role) => (
        <DropdownMenuRadioItem key={role.id} value={role.id} title={role.description}>
          <span className="truncate">{roleLabel(role.name)}</span>
        </DropdownMenuRadioItem>
      ))}
    </DropdownMenuRadioGroup>
  );
}

/** The submenu's content, read when it opens: organization roles, then each workspace's. */
function RoleChoices({ membership, onPick }: Omit<RoleSubmenuProps, "state">) {
  const roles = useQuery(rolesQueryOptions());
  const entry = rolesOf(roles.data, membership.provider);
  if (roles.isPending) return <DropdownMenuItem disabled>Loading roles…</DropdownMenuItem>;
  if (roles.isError || entry?.error || !entry) {
    return (
      <DropdownMenuItem disabled className="h-auto py-1.5">
        <span>
          Could not read roles
          <DropdownMenuItemHint>{entry?.error?.message ?? roles.error?.message ?? "No roles for this provider"}</DropdownMenuItemHint>
        </span>
      </DropdownMenuItem>
    );
  }
  const organization = entry.roles.filter((role) => role.scope === "organization");
  const workspace = entry.roles.filter((role) => role.scope === "workspace");
  const scoped = directScopedRoles(membership);
  const held = new Set(scoped.map((s) => s.scopeId));
  const kindOf = (scopeId: string) => entry.workspaces.find((w) => w.id === scopeId)?.kind;
  const word = (kind: "project" | "workspace" | undefined) => (kind === "project" ? "Project" : "Workspace");
  // Where the provider's API can add a member to a project or workspace, every other one is offered too.
  const addable = entry.addToWorkspace ? entry.workspaces.filter((w) => !held.has(w.id)) : [];
  return (
    <>
      <DropdownMenuLabel>{scoped.length > 0 ? "Organization" : `${providerLabel(membership.provider)} role`}</DropdownMenuLabel>
      <RoleRadioGroup roles={organization} current={membership.role} onPick={(roleId) => onPick(roleId)} />
      {workspace.length > 0
        ? scoped.map((ws) => (
            <Fragment key={ws.scopeId}>
              <DropdownMenuSeparator />
              <DropdownMenuLabel>
                {word(kindOf(ws.scopeId) ?? (ws.scope === "project" ? "project" : undefined))}: {ws.scopeName}
              </DropdownMenuLabel>
              <RoleRadioGroup roles={workspace} current={ws.role} onPick={(roleId) => onPick(roleId, ws.scopeId)} />
            </Fragment>
          ))
        : null}
      {workspace.length > 0
        ? addable.map((ws) => (
            <Fragment key={ws.id}>
              <DropdownMenuSeparator />
              <DropdownMenuLabel>
                Add to {word(ws.kind).toLowerCase()}: {ws.name}
              </DropdownMenuLabel>
              <RoleRadioGroup roles={workspace} current={undefined} onPick={(roleId) => onPick(roleId, ws.id)} />
            </Fragment>
          ))
        : null}
    </>
  );
}

/** "Change role on <Provider>": a radio group of that provider's roles, the current one checked. */
export function RoleSubmenu({ membership, state, onPick }: RoleSubmenuProps) {
  const id = useId();
  const label = `Change role on ${providerLabel(membership.provider)}`;
  const reason = state.enabled ? undefined : state.reason;
  return (
    <DropdownMenuSub>
      <DropdownMenuSubTrigger
        disabled={!state.enabled}
        aria-labelledby={`${id}-label`}
        aria-describedby={reason ? `${id}-reason` : undefined}
        className={reason ? "h-auto items-start py-1.5 [&>svg:first-child]:mt-0.5" : undefined}
      >
        <UserCog aria-hidden />
        <span className="min-w-0 flex-1">
          <span id={`${id}-label`}>{label}</span>
          {reason ? <DropdownMenuItemHint id={`${id}-reason`}>{reason}</DropdownMenuItemHint> : null}
        </span>
      </DropdownMenuSubTrigger>
      <DropdownMenuSubContent className="max-h-[60vh] min-w-56 overflow-y-auto">
        <RoleChoices membership={membership} onPick={onPick} />
      </DropdownMenuSubContent>
    </DropdownMenuSub>
  );
}
