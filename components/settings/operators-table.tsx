"use client";

import { createColumnHelper } from "@tanstack/react-table";
import { UserCheck, UserX } from "lucide-react";
import { useMemo } from "react";
import { ROLE_LABEL, ROSTER_ROLES, type RosterRole } from "@/lib/auth/roles";
import type { OperatorSummary } from "@/lib/operators/types";
import { RelativeTime } from "@/components/common/relative-time";
import { DataTable } from "@/components/data-table/data-table";
import type { ServerTableFeatures } from "@/components/data-table/features";
import { useSinglePageTable } from "@/components/data-table/use-single-page-table";
import { GatedButton } from "@/components/members/gated-button";
import { Badge, StatusDot } from "@/components/ui/badge";
import { NativeSelect } from "@/components/ui/native-select";
import type { OperatorDialog } from "./operator-dialogs";

const helper = createColumnHelper<ServerTableFeatures, OperatorSummary>();
const getRowId = (operator: OperatorSummary) => operator.id;

export const LAST_OWNER_REASON = "The last owner cannot be demoted or disabled: make someone else an owner first";
const NEEDS_OWNER = "Only owners change operators";

interface TableContext {
  selfId: string;
  canManage: boolean;
  /** Enabled owners: the last one is protected. */
  owners: number;
  open: (dialog: OperatorDialog) => void;
}

function isLastOwner(o: OperatorSummary, owners: number) {
  return o.role === "owner" && !o.disabled && owners <= 1;
}

function columns({ selfId, canManage, owners, open }: TableContext) {
  return helper.columns([
    helper.display({
      id: "operator",
      header: "Operator",
      cell: ({ row }) => (
        <div className="min-w-0">
          <div className="flex items-center gap-2 font-medium text-foreground">
            <span className="truncate">{row.original.name}</span>
            {row.original.id === selfId ? <Badge tone="info">You</Badge> : null}
          </div>
          <div className="truncate text-xs text-muted-foreground">{row.original.email}</div>
        </div>
      ),
    }),
    helper.display({
      id: "role",
      header: "Roster role",
      cell: ({ row }) => {
        const o = row.original;
        if (!canManage) return <span>{ROLE_LABEL[o.role]}</span>;
        const locked = isLastOwner(o, owners);
        return (
          <div className="flex items-center gap-2">
            <NativeSelect
              aria-label={`Roster role of ${o.name || o.email}`}
              value={o.role}
              disabled={locked}
              title={locked ? LAST_OWNER_REASON : undefined}
              onChange={(e) => open({ kind: "role", operator: o, role: e.target.value as RosterRole })}
            >
              {ROSTER_ROLES.map((role) => (
                <option key={role} value={role}>
                  {ROLE_LABEL[role]}
                </option>
              ))}
            </NativeSelect>
            {locked ? <span className="text-xs text-muted-foreground">Last owner</span> : null}
          </div>
        );
      },
    }),
    helper.display({
      id: "status",
      header: "Status",
      cell: ({ row }) =>
        row.original.disabled ? (
          <Badge tone="outline">
            <StatusDot className="bg-muted-foreground" />
            Disabled
          </Badge>
        ) : (
          <Badge tone="success">
            <StatusDot className="bg-current" />
            Active
          </Badge>
        ),
    }),
    helper.display({
      id: "added",
      header: "Added",
      cell: ({ row }) => <RelativeTime iso={row.original.createdAt} className="text-muted-foreground tabular" />,
    }),
    helper.display({
      id: "actions",
      header: () => <span className="sr-only">Actions</span>,
      meta: { className: "w-px text-right" },
      cell: ({ row }) => {
        const o = row.original;
        const who = o.name || o.email;
        const state = !canManage
          ? { enabled: false, reason: NEEDS_OWNER }
          : isLastOwner(o, owners)
            ? { enabled: false, reason: LAST_OWNER_REASON }
            : { enabled: true };
        return o.disabled ? (
          <GatedButton state={state} variant="ghost" onClick={() => open({ kind: "enable", operator: o })} aria-label={`Enable ${who}`}>
            <UserCheck aria-hidden />
            Enable
          </GatedButton>
        ) : (
          <GatedButton state={state} variant="ghost" onClick={() => open({ kind: "disable", operator: o })} aria-label={`Disable ${who}`}>
            <UserX aria-hidden />
            Disable
          </GatedButton>
        );
      },
    }),
  ]);
}

interface OperatorsTableProps extends Omit<TableContext, "owners"> {
  operators: OperatorSummary[] | undefined;
  loading: boolean;
  stale: boolean;
}

export function OperatorsTable({ operators, loading, stale, selfId, canManage, open }: OperatorsTableProps) {
  const data = operators ?? [];
  const owners = data.filter((o) => o.role === "owner" && !o.disabled).length;
  const cols = useMemo(() => columns({ selfId, canManage, owners, open }), [selfId, canManage, owners, open]);
  const table = useSinglePageTable(cols, data, getRowId);
  return <DataTable table={table} label="Roster operators" loading={loading} stale={stale} skeletonRows={4} />;
}
