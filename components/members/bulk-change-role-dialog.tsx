"use client";

import { useQuery } from "@tanstack/react-query";
import { UserCog } from "lucide-react";
import { useId, useState } from "react";
import type { Person } from "@/lib/directory/types";
import type { ProviderId } from "@/lib/providers/types";
import type { BulkChange } from "@/lib/jobs/bulk-types";
import { useTwoPersonRule } from "@/components/invites/use-two-person-rule";
import { rolesOf, rolesQueryOptions } from "@/lib/queries/roles";
import { plural } from "@/components/common/format";
import { Callout } from "@/components/ui/callout";
import { Modal } from "@/components/ui/dialog";
import { Label } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { providerLabel } from "@/components/providers/provider-meta";
import { BulkDialogFooter, BulkRunResults } from "./bulk-dialog-parts";
import { BulkPlanSummary } from "./bulk-plan-summary";
import { planRoleChange, providersOfPeople, type BulkItem } from "./bulk-plan";
import { ManagedWarning } from "./change-dialog-parts";
import { useBulkChange } from "./use-bulk-change";
import { roleLabel } from "@/lib/providers/role-label";

interface BulkChangeRoleDialogProps {
  people: Person[];
  onClose: (finished: boolean) => void;
}

/** Change role…: one provider, one organization role, for every selected person on it. */
export function BulkChangeRoleDialog({ people, onClose }: BulkChangeRoleDialogProps) {
  const id = useId();
  const providers = providersOfPeople(people);
  const [provider, setProvider] = useState<ProviderId | undefined>(providers[0]?.provider);
  const [roleId, setRoleId] = useState<string>();
  const roles = useQuery(rolesQueryOptions());
  const entry = provider ? rolesOf(roles.data, provider) : undefined;
  const twoPerson = useTwoPersonRule();
  // Admin-level grants wait for a second admin one by one (the two-person rule): not offered in bulk then.
  const choices = (entry?.roles ?? []).filter((role) => role.scope === "organization" && !(twoPerson && role.adminLevel));
  // No role until the operator picks one: the first in the list is often the most powerful.
  const role = choices.find((r) => r.id === roleId);
  const plan = provider && role ? planRoleChange(people, provider, role, choices) : { items: [], skipped: [] };
  // The plan is fixed once the run starts (the hook keeps it), so retries and results refer to the same items.
  const bulk = useBulkChange();
  const roleToSet = role?.id ?? "";
  const [roleName, setRoleName] = useState("");
  const toChange = (item: BulkItem): BulkChange => ({
    kind: "change_role",
    provider: item.membership.provider,
    memberId: item.membership.id,
    role: roleToSet,
  });
  const label = provider ? providerLabel(provider) : "";
  const managed = plan.items.filter((item) => item.membership.managed).length;

  function start() {
    setRoleName(role?.name ?? "");
    bulk.runItems(plan.items, toChange);
  }

  return (
    <Modal
      open
      size="md"
      onOpenChange={(open) => (open ? undefined : onClose(bulk.started))}
      busy={bulk.busy}
      icon={<UserCog aria-hidden className="text-muted-foreground" />}
      title={
        bulk.running
          ? `Changing roles on ${label}…`
          : bulk.started
            ? `Role changes on ${label}`
            : `Change role of ${plural(people.length, "person", "people")}`
      }
      description={
        bulk.started
          ? `New role: ${roleLabel(role?.name ?? "")}. Each change is audited on its own.`
          : "Choose a provider and the role the selected people should have there."
      }
      footer={
        <BulkDialogFooter bulk={bulk} startLabel="Change role" startVariant="primary" canStart={plan.items.length > 0} onStart={start} />
      }
    >
      {bulk.started ? (
        <BulkRunResults bulk={bulk} describe={(item) => `${roleLabel(item.membership.role)} → ${roleLabel(roleName)}`} />
      ) : (
        <>
          <div className="grid gap-3 sm:grid-cols-2">
            <div className="space-y-1.5">
              <Label htmlFor={`${id}-provider`}>Provider</Label>
              <NativeSelect
                id={`${id}-provider`}
                value={provider ?? ""}
                onChange={(event) => {
                  setProvider(event.target.value as ProviderId);
                  setRoleId(undefined);
                }}
                className="w-full [&_select]:w-full"
              >
                {providers.map((entry) => (
                  <option key={entry.provider} value={entry.provider}>
                    {providerLabel(entry.provider)} ({entry.count} of {people.length})
                  </option>
                ))}
              </NativeSelect>
            </div>
            <div className="space-y-1.5">
              <Label htmlFor={`${id}-role`}>Role</Label>
              <NativeSelect
                id={`${id}-role`}
                value={role?.id ?? ""}
                disabled={choices.length === 0}
                onChange={(event) => setRoleId(event.target.value)}
                className="w-full [&_select]:w-full"
              >
                <option value="" disabled>
                  {roles.isPending ? "Loading roles…" : "Choose a role"}
                </option>
                {choices.map((choice) => (
                  <option key={choice.id} value={choice.id}>
                    {roleLabel(choice.name)}
                  </option>
                ))}
              </NativeSelect>
            </div>
            {role?.description ? <p className="text-xs text-muted-foreground sm:col-span-2">{role.description}</p> : null}
          </div>
          {roles.isError || entry?.error ? (
            <Callout tone="danger" role="alert" title={`Could not read ${label}'s roles`}>
              {entry?.error?.message ?? roles.error?.message}
            </Callout>
          ) : null}
          {role ? (
            <BulkPlanSummary
              plan={plan}
              headline={`${plural(plan.items.length, "person", "people")} on ${label} will get the role ${roleLabel(role.name)}.`}
            />
          ) : null}
          {managed > 0 ? (
            <ManagedWarning>
              {plural(managed, "of them is", "of them are")} managed by your identity provider: it may undo this change.
            </ManagedWarning>
          ) : null}
        </>
      )}
    </Modal>
  );
}
