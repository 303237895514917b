"use client";

import { createColumnHelper } from "@tanstack/react-table";
import { KeyRound } from "lucide-react";
import { useMemo } from "react";
import { ROLE_LABEL } from "@/lib/auth/roles";
import { PROVIDER_LABELS } from "@/lib/providers/types";
import type { TokenSummary } from "@/lib/tokens/types";
import { LocalDate, RelativeTime } from "@/components/common/relative-time";
import { DataTable } from "@/components/data-table/data-table";
import type { ServerTableFeatures } from "@/components/data-table/features";
import { useSinglePageTable } from "@/components/data-table/use-single-page-table";
import { Badge, StatusDot } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

const helper = createColumnHelper<ServerTableFeatures, TokenSummary>();
const getRowId = (token: TokenSummary) => token.id;

const STATE = {
  active: { tone: "success", label: "Active" },
  expired: { tone: "outline", label: "Expired" },
  revoked: { tone: "outline", label: "Revoked" },
} as const;

function columns(revoke: (token: TokenSummary) => void) {
  return helper.columns([
    helper.display({
      id: "token",
      header: "Token",
      cell: ({ row }) => (
        <div className="min-w-0">
          <div className="truncate font-mono text-[13px] font-medium text-foreground">{row.original.name}</div>
          <div className="truncate text-xs text-muted-foreground">by {row.original.createdByEmail}</div>
        </div>
      ),
    }),
    helper.display({
      id: "role",
      header: "Roster role",
      cell: ({ row }) => <span>{ROLE_LABEL[row.original.role]}</span>,
    }),
    helper.display({
      id: "providers",
      header: "Providers",
      cell: ({ row }) => <span>{row.original.providers ? row.original.providers.map((p) => PROVIDER_LABELS[p]).join(", ") : "All"}</span>,
    }),
    helper.display({
      id: "state",
      header: "Status",
      cell: ({ row }) => {
        const s = STATE[row.original.state];
        return (
          <Badge tone={s.tone}>
            <StatusDot className={row.original.state === "active" ? "bg-current" : "bg-muted-foreground"} />
            {s.label}
          </Badge>
        );
      },
    }),
    helper.display({
      id: "created",
      header: "Created",
      cell: ({ row }) => <RelativeTime iso={row.original.createdAt} className="text-muted-foreground tabular" />,
    }),
    helper.display({
      id: "used",
      header: "Last used",
      cell: ({ row }) =>
        row.original.lastUsedAt ? (
          <RelativeTime iso={row.original.lastUsedAt} className="text-muted-foreground tabular" />
        ) : (
          <span className="text-muted-foreground">Never</span>
        ),
    }),
    helper.display({
      id: "expires",
      header: "Expires",
      cell: ({ row }) => <LocalDate iso={row.original.expiresAt} className="text-muted-foreground tabular" />,
    }),
    helper.display({
      id: "actions",
      header: () => <span className="sr-only">Actions</span>,
      meta: { className: "w-px text-right" },
      cell: ({ row }) =>
        row.original.state === "revoked" ? null : (
          <Button variant="ghost" onClick={() => revoke(row.original)} aria-label={`Revoke ${row.original.name}`}>
            <KeyRound aria-hidden />
            Revoke
          </Button>
        ),
    }),
  ]);
}

interface TokensTableProps {
  tokens: TokenSummary[] | undefined;
  loading: boolean;
  stale: boolean;
  revoke: (token: TokenSummary) => void;
}

export function TokensTable({ tokens, loading, stale, revoke }: TokensTableProps) {
  const cols = useMemo(() => columns(revoke), [revoke]);
  const table = useSinglePageTable(cols, tokens ?? NO_TOKENS, getRowId);
  return (
    <DataTable
      table={table}
      label="API tokens"
      loading={loading}
      stale={stale}
      skeletonRows={2}
      empty={
        <EmptyState icon={<KeyRound aria-hidden />} title="No API tokens" description="Make one for a program that calls Roster's API." />
      }
    />
  );
}

const NO_TOKENS: TokenSummary[] = [];
