"use client";

import { createColumnHelper } from "@tanstack/react-table";
import type { PendingInvite } from "@/lib/invites/types";
import { LocalDate, RelativeTime } from "@/components/common/relative-time";
import { useNow } from "@/components/common/use-now";
import type { ServerTableFeatures } from "@/components/data-table/features";
import type { ActionState } from "@/components/members/membership-actions";
import { GatedButton } from "@/components/members/gated-button";
import { ProviderDot } from "@/components/providers/provider-dot";
import { providerLabel } from "@/components/providers/provider-meta";
import { Badge } from "@/components/ui/badge";
import { roleLabel } from "@/lib/providers/role-label";

const helper = createColumnHelper<ServerTableFeatures, PendingInvite>();

export const LEDGER_REASON = "Sent by Roster: Arthur lists no invites, so Roster cannot revoke one there";

/** Whether the operator may revoke this invite, and why not. */
export function revokeState(invite: PendingInvite, isAdmin: boolean): ActionState {
  if (invite.source === "ledger") return { enabled: false, reason: LEDGER_REASON };
  if (!invite.canRevoke) return { enabled: false, reason: `${providerLabel(invite.provider)} does not allow revoking invites` };
  if (!isAdmin) return { enabled: false, reason: "Needs the admin role" };
  return { enabled: true };
}

function Expires({ iso }: { iso: string | null }) {
  const now = useNow();
  if (!iso)
    return (
      <span className="text-muted-foreground" title="The provider gives no expiry">
        —
      </span>
    );
  const past = now !== null && Date.parse(iso) < now;
  return <LocalDate iso={iso} className={past ? "text-danger-text" : undefined} suffix={past ? " (expired)" : ""} />;
}

export function pendingInviteColumns(isAdmin: boolean, onRevoke: (invite: PendingInvite) => void) {
  return helper.columns([
    helper.display({
      id: "provider",
      header: "Provider",
      cell: ({ row }) => (
        <span className="inline-flex items-center gap-2 whitespace-nowrap">
          <ProviderDot provider={row.original.provider} />
          {providerLabel(row.original.provider)}
        </span>
      ),
      meta: { label: "Provider" },
    }),
    helper.display({
      id: "email",
      header: "Email",
      cell: ({ row }) => (
        <span className="inline-flex flex-wrap items-center gap-2">
          <span className="font-medium">{row.original.email}</span>
          {row.original.source === "ledger" ? (
            <Badge tone="info" title={LEDGER_REASON}>
              Sent by Roster
            </Badge>
          ) : null}
        </span>
      ),
      meta: { label: "Email" },
    }),
    helper.display({ id: "role", header: "Role", cell: ({ row }) => roleLabel(row.original.role), meta: { label: "Role" } }),
    helper.display({
      id: "sent",
      header: "Sent",
      cell: ({ row }) =>
        row.original.createdAt ? <RelativeTime iso={row.original.createdAt} /> : <span className="text-muted-foreground">—</span>,
      meta: { label: "Sent" },
    }),
    helper.display({
      id: "expires",
      header: "Expires",
      cell: ({ row }) => <Expires iso={row.original.expiresAt} />,
      meta: { label: "Expires" },
    }),
    helper.display({
      id: "actions",
      header: () => <span className="sr-only">Actions</span>,
      cell: ({ row }) => (
        <GatedButton
          size="sm"
          variant="ghost"
          state={revokeState(row.original, isAdmin)}
          onClick={() => onRevoke(row.original)}
          aria-label={`Revoke the invite for ${row.original.email} to ${providerLabel(row.original.provider)}`}
        >
          Revoke
        </GatedButton>
      ),
      meta: { className: "w-24 text-right" },
    }),
  ]);
}
