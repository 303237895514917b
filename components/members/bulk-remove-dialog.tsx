"use client";

import { UserMinus } from "lucide-react";
import { useId, useState } from "react";
import type { Person } from "@/lib/directory/types";
import type { ProviderId } from "@/lib/providers/types";
import type { BulkChange } from "@/lib/jobs/bulk-types";
import { plural } from "@/components/common/format";
import { Checkbox } from "@/components/ui/checkbox";
import { Modal } from "@/components/ui/dialog";
import { ProviderDot } from "@/components/providers/provider-dot";
import { providerLabel } from "@/components/providers/provider-meta";
import { BulkDialogFooter, BulkRunResults } from "./bulk-dialog-parts";
import { BulkPlanSummary } from "./bulk-plan-summary";
import { planRemoval, providersOfPeople, type BulkItem } from "./bulk-plan";
import { ManagedWarning } from "./change-dialog-parts";
import { useBulkChange } from "./use-bulk-change";

/** Members are removed; pending invites on the same provider are revoked. */
function removeOrRevoke(item: BulkItem): BulkChange {
  const { provider, id, status } = item.membership;
  return status === "invited" ? { kind: "revoke_invite", provider, inviteId: id } : { kind: "remove_member", provider, memberId: id };
}

function listProviders(providers: readonly ProviderId[]): string {
  const labels = providers.map(providerLabel);
  return labels.length <= 1 ? (labels[0] ?? "") : `${labels.slice(0, -1).join(", ")} and ${labels.at(-1)}`;
}

interface BulkRemoveDialogProps {
  people: Person[];
  onClose: (finished: boolean) => void;
}

/** Remove from…: the selected people's memberships (and pending invites) on the chosen providers. */
export function BulkRemoveDialog({ people, onClose }: BulkRemoveDialogProps) {
  const id = useId();
  const providers = providersOfPeople(people);
  const [chosen, setChosen] = useState<ProviderId[]>(providers.length === 1 ? [providers[0].provider] : []);
  const plan = planRemoval(people, chosen);
  const bulk = useBulkChange();
  const where = listProviders(chosen);
  const managed = plan.items.filter((item) => item.membership.managed).length;
  const invites = plan.items.filter((item) => item.membership.status === "invited").length;
  const affected = new Set(plan.items.map((item) => item.personKey)).size;

  function toggle(provider: ProviderId, on: boolean) {
    setChosen((previous) => providers.map((entry) => entry.provider).filter((p) => (p === provider ? on : previous.includes(p))));
  }

  function start() {
    bulk.runItems(plan.items, removeOrRevoke);
  }

  return (
    <Modal
      alert
      size="md"
      open
      onOpenChange={(open) => (open ? undefined : onClose(bulk.started))}
      busy={bulk.busy}
      icon={<UserMinus aria-hidden className="text-danger-text" />}
      title={
        bulk.started
          ? `${bulk.running ? "Removing from" : "Removals from"} ${listProviders([...new Set(bulk.items.map((item) => item.membership.provider))])}${bulk.running ? "…" : ""}`
          : chosen.length > 0
            ? `Remove ${plural(affected, "person", "people")} from ${where}?`
            : `Remove ${plural(people.length, "person", "people")} from…`
      }
      description={
        bulk.started ? "Each removal is audited on its own." : "They lose access to the providers you choose; their other memberships stay."
      }
      footer={<BulkDialogFooter bulk={bulk} startLabel="Remove" startVariant="danger" canStart={plan.items.length > 0} onStart={start} />}
    >
      {bulk.started ? (
        <BulkRunResults bulk={bulk} describe={(item) => (item.membership.status === "invited" ? "Invite revoked" : "Removed")} />
      ) : (
        <>
          <fieldset className="space-y-1">
            <legend className="mb-1.5 text-[13px] font-medium">Providers</legend>
            {providers.map(({ provider, count }) => (
              <label
                key={provider}
                htmlFor={`${id}-${provider}`}
                className="flex h-9 cursor-pointer items-center gap-2.5 rounded-md border border-border px-3 hover:bg-accent"
              >
                <Checkbox
                  id={`${id}-${provider}`}
                  checked={chosen.includes(provider)}
                  onCheckedChange={(checked) => toggle(provider, checked === true)}
                />
                <ProviderDot provider={provider} />
                <span className="flex-1 font-medium">{providerLabel(provider)}</span>
                <span className="text-xs text-muted-foreground tabular">
                  {count} of {people.length} selected
                </span>
              </label>
            ))}
          </fieldset>
          {chosen.length > 0 ? (
            <BulkPlanSummary
              plan={plan}
              headline={`${plural(plan.items.length - invites, "membership")} removed${
                invites > 0 ? `, ${plural(invites, "pending invite")} revoked` : ""
              } on ${where}.`}
            />
          ) : null}
          {managed > 0 ? (
            <ManagedWarning>
              {plural(managed, "of these is", "of these are")} managed by your identity provider: it may undo this change.
            </ManagedWarning>
          ) : null}
        </>
      )}
    </Modal>
  );
}
