"use client";

import { UserMinus } from "lucide-react";
import { directScopedRoles } from "@/components/users/person-summary";
import { useId, useState } from "react";
import { useRemoveMember } from "@/lib/queries/members";
import { Label } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { providerLabel } from "@/components/providers/provider-meta";
import { ChangeDialog } from "./change-dialog";
import { ManagedWarning, MembershipLine, SelfConfirmFooter, SelfConfirmNotice } from "./change-dialog-parts";
import { toastChanged } from "./change-toast";
import type { MemberTarget } from "./member-dialog-state";
import { useChangeFlow } from "./use-change-flow";
import { roleLabel } from "@/lib/providers/role-label";

const ORGANIZATION = "";

/** "Remove Ada Lovelace from Astronomer?": the whole organization, or (Astronomer) one workspace. */
export function RemoveMemberDialog({ target, onClose }: { target: MemberTarget; onClose: () => void }) {
  const id = useId();
  const { person, membership } = target;
  const provider = providerLabel(membership.provider);
  const workspaces = directScopedRoles(membership);
  const [workspaceId, setWorkspaceId] = useState(ORGANIZATION);
  const workspaceName = workspaces.find((w) => w.scopeId === workspaceId)?.scopeName;
  const where = workspaceName ? `the ${workspaceName} workspace on ${provider}` : provider;
  const who = person.email ?? person.name;

  const flow = useChangeFlow();
  const mutation = useRemoveMember({
    onSuccess: (result) => {
      toastChanged(`Removed ${person.name} from ${where}`, result.warnings);
      onClose();
    },
    onError: flow.onError,
  });
  const busy = mutation.isPending;

  function submit(confirmSelf = false) {
    flow.begin();
    mutation.mutate({
      provider: membership.provider,
      memberId: membership.id,
      workspaceId: workspaceId || undefined,
      confirmSelf: confirmSelf || undefined,
    });
  }

  return (
    <ChangeDialog
      alert
      onClose={onClose}
      change={{ busy, error: flow.error }}
      icon={<UserMinus aria-hidden className="text-danger-text" />}
      title={`Remove ${person.name} from ${where}?`}
      description={
        workspaceName
          ? `${who} loses their role in ${workspaceName} and stays a member of the ${provider} organization.`
          : `${who} loses access to ${provider}. Memberships on other providers stay as they are.`
      }
      footer={flow.askSelf ? <SelfConfirmFooter onContinue={() => submit(true)} busy={busy} /> : undefined}
      action={{ variant: "danger", label: "Remove", busyLabel: "Removing…", onClick: () => submit() }}
    >
      <MembershipLine membership={membership} />
      {workspaces.length > 0 ? (
        <div className="space-y-1.5">
          <Label htmlFor={`${id}-scope`}>Remove from</Label>
          <NativeSelect
            id={`${id}-scope`}
            value={workspaceId}
            disabled={busy}
            onChange={(event) => setWorkspaceId(event.target.value)}
            className="w-full [&_select]:w-full"
          >
            <option value={ORGANIZATION}>The whole {provider} organization</option>
            {workspaces.map((workspace) => (
              <option key={workspace.scopeId} value={workspace.scopeId}>
                Only the {workspace.scopeName} workspace ({roleLabel(workspace.role)})
              </option>
            ))}
          </NativeSelect>
        </div>
      ) : null}
      {membership.managed ? <ManagedWarning /> : null}
      {flow.askSelf ? <SelfConfirmNotice provider={membership.provider} /> : null}
    </ChangeDialog>
  );
}
