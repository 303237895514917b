"use client";

import { useQuery } from "@tanstack/react-query";
import { directScopedRoles } from "@/components/users/person-summary";
import { useId, useRef, useState } from "react";
import { findRole, rolesOf, rolesQueryOptions, type ProviderRole } from "@/lib/queries/roles";
import { isApprovalRequired, useChangeRole } from "@/lib/queries/members";
import { useTwoPersonRule } from "@/components/invites/use-two-person-rule";
import { Callout } from "@/components/ui/callout";
import { Modal, ModalActions } from "@/components/ui/dialog";
import { Label } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Skeleton } from "@/components/ui/skeleton";
import { providerLabel } from "@/components/providers/provider-meta";
import { ChangeErrorCallout, ManagedWarning, MembershipLine, SelfConfirmFooter, SelfConfirmNotice } from "./change-dialog-parts";
import { toastChanged, toastRequested } from "./change-toast";
import type { MemberTarget } from "./member-dialog-state";
import { useChangeFlow } from "./use-change-flow";
import { roleLabel } from "@/lib/providers/role-label";

interface ChangeRoleDialogProps {
  target: MemberTarget;
  /** Role id chosen in the row menu, if any. */
  initialRole?: string;
  initialWorkspaceId?: string;
  onClose: () => void;
}

const ORGANIZATION = "";

/** "Project: Research" or "Workspace: Data"; "Add to project: Research" where the member is not in it yet. */
function scopeOption(kind: "project" | "workspace" | undefined, name: string, add: boolean): string {
  const word = kind === "project" ? "project" : "workspace";
  return add ? `Add to ${word}: ${name}` : `${word === "project" ? "Project" : "Workspace"}: ${name}`;
}

/** Change one membership's role: the organization role, or one project's (OpenAI) or workspace's (Astronomer); or add to one. */
export function ChangeRoleDialog({ target, initialRole, initialWorkspaceId, onClose }: ChangeRoleDialogProps) {
  const id = useId();
  const roleSelect = useRef<HTMLSelectElement>(null);
  const { person, membership } = target;
  const provider = providerLabel(membership.provider);
  const roles = useQuery(rolesQueryOptions());
  const entry = rolesOf(roles.data, membership.provider);
  const workspaces = directScopedRoles(membership);
  const held = new Set(workspaces.map((w) => w.scopeId));
  // Projects or workspaces the member is not in: offered as "Add to …" where the provider's API can add.
  const addable = entry?.addToWorkspace ? (entry.workspaces ?? []).filter((w) => !held.has(w.id)) : [];
  const kindOf = (scopeId: string) => entry?.workspaces.find((w) => w.id === scopeId)?.kind;

  const [workspaceId, setWorkspaceId] = useState(initialWorkspaceId ?? ORGANIZATION);
  const adding = addable.find((w) => w.id === workspaceId);
  const scope = workspaceId ? "workspace" : "organization";
  const choices: ProviderRole[] = (entry?.roles ?? []).filter((role) => role.scope === scope);
  const currentName = workspaceId ? workspaces.find((w) => w.scopeId === workspaceId)?.role : membership.role;
  const current = currentName ? findRole(choices, currentName) : undefined;

  const [picked, setPicked] = useState<string | undefined>(initialRole);
  // A current role Roster has no catalogue entry for stays the current one: nothing is picked for the operator.
  const unknownCurrent = currentName && !current ? currentName : null;
  const selected = choices.find((role) => role.id === picked) ?? current ?? (unknownCurrent ? undefined : choices[0]);
  const unchanged = Boolean(selected && current && selected.id === current.id);

  const twoPerson = useTwoPersonRule();
  // An admin-level role waits for a second admin (the two-person rule), unless the direct policy lets an admin act alone.
  const needsApproval = Boolean(selected?.adminLevel && twoPerson);
  const flow = useChangeFlow();
  const mutation = useChangeRole({
    onSuccess: (result) => {
      const workspace = workspaces.find((w) => w.scopeId === workspaceId)?.scopeName ?? adding?.name;
      const word = kindOf(workspaceId) === "project" ? "project" : "workspace";
      const where = workspace ? `in the ${workspace} ${word} on ${provider}` : `on ${provider}`;
      if (isApprovalRequired(result)) {
        toastRequested(`Approval requested: ${person.name} as ${roleLabel(selected?.name ?? "")} ${where}`);
        onClose();
        return;
      }
      toastChanged(`${person.name} is now ${roleLabel(result.after?.role ?? selected?.name ?? "")} ${where}`, result.warnings);
      onClose();
    },
    onError: flow.onError,
  });
  const busy = mutation.isPending;

  function submit(confirmSelf = false) {
    if (!selected) return;
    flow.begin();
    mutation.mutate({
      provider: membership.provider,
      memberId: membership.id,
      role: selected.id,
      roleName: selected.name,
      workspaceId: workspaceId || undefined,
      ...(adding ? { add: true, workspaceName: adding.name, workspaceKind: adding.kind } : {}),
      confirmSelf: confirmSelf || undefined,
    });
  }

  return (
    <Modal
      open
      onOpenChange={(open) => (open ? undefined : onClose())}
      busy={busy}
      initialFocus={() => roleSelect.current}
      title={`Change ${person.name}'s role on ${provider}`}
      description={person.email ?? undefined}
      footer={
        flow.askSelf ? (
          <SelfConfirmFooter onContinue={() => submit(true)} busy={busy} />
        ) : (
          <ModalActions
            busy={busy}
            disabled={!selected || unchanged}
            reason={!selected ? "Choose the new role" : unchanged ? "That is the current role: choose another" : null}
            label={needsApproval ? "Request approval" : "Change role"}
            busyLabel={needsApproval ? "Requesting…" : "Changing…"}
            onClick={() => submit()}
          />
        )
      }
    >
      <MembershipLine membership={membership} />
      {roles.isPending ? (
        <div className="space-y-2" aria-label="Loading roles">
          <Skeleton className="h-4 w-16" />
          <Skeleton className="h-8 w-full" />
        </div>
      ) : roles.isError || entry?.error ? (
        <Callout tone="danger" role="alert" title={`Could not read ${provider}'s roles`}>
          {entry?.error?.message ?? roles.error?.message}
        </Callout>
      ) : (
        <div className="grid gap-3 sm:grid-cols-2">
          {workspaces.length + addable.length > 0 ? (
            <div className="space-y-1.5 sm:col-span-2">
              <Label htmlFor={`${id}-scope`}>Scope</Label>
              <NativeSelect
                id={`${id}-scope`}
                value={workspaceId}
                disabled={busy}
                onChange={(event) => {
                  setWorkspaceId(event.target.value);
                  setPicked(undefined);
                }}
                className="w-full [&_select]:w-full"
              >
                <option value={ORGANIZATION}>Organization</option>
                {workspaces.map((workspace) => (
                  <option key={workspace.scopeId} value={workspace.scopeId}>
                    {scopeOption(
                      kindOf(workspace.scopeId) ?? (workspace.scope === "project" ? "project" : "workspace"),
                      workspace.scopeName,
                      false,
                    )}
                  </option>
                ))}
                {addable.map((workspace) => (
                  <option key={workspace.id} value={workspace.id}>
                    {scopeOption(workspace.kind, workspace.name, true)}
                  </option>
                ))}
              </NativeSelect>
            </div>
          ) : null}
          <div className="space-y-1.5 sm:col-span-2">
            <div className="flex items-baseline justify-between gap-3">
              <Label htmlFor={`${id}-role`}>New role</Label>
              <span className="truncate text-xs text-muted-foreground">
                Current: <span className="font-medium text-foreground">{currentName ?? "none"}</span>
              </span>
            </div>
            <NativeSelect
              ref={roleSelect}
              id={`${id}-role`}
              value={selected?.id ?? ""}
              disabled={busy || choices.length === 0}
              onChange={(event) => setPicked(event.target.value)}
              className="w-full [&_select]:w-full"
            >
              {unknownCurrent ? (
                <option value="" disabled>
                  {unknownCurrent} (current, not a role Roster knows)
                </option>
              ) : null}
              {choices.map((role) => (
                <option key={role.id} value={role.id}>
                  {roleLabel(role.name)}
                  {current?.id === role.id ? " (current)" : ""}
                </option>
              ))}
            </NativeSelect>
          </div>
          {selected?.description ? <p className="text-xs text-muted-foreground sm:col-span-2">{selected.description}</p> : null}
        </div>
      )}
      {needsApproval ? (
        <Callout tone="info" title="A second admin approves this">
          {roleLabel(selected?.name ?? "")} is an admin-level role: Roster asks another admin to approve the change, and makes it when they
          do.
        </Callout>
      ) : null}
      {membership.managed ? <ManagedWarning /> : null}
      {flow.askSelf ? <SelfConfirmNotice provider={membership.provider} /> : null}
      <ChangeErrorCallout error={flow.error} />
    </Modal>
  );
}
