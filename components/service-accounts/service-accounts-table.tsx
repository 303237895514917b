"use client";

import { createColumnHelper } from "@tanstack/react-table";
import { Bot, KeyRound, Pencil } from "lucide-react";
import { type ReactNode, useMemo } from "react";
import type { Member } from "@/lib/providers/types";
import { RelativeTime } from "@/components/common/relative-time";
import { DataTable } from "@/components/data-table/data-table";
import type { ServerTableFeatures } from "@/components/data-table/features";
import { useSinglePageTable } from "@/components/data-table/use-single-page-table";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { ServiceAccountDialog } from "./service-account-dialogs";
import { roleLabel } from "@/lib/providers/role-label";

const helper = createColumnHelper<ServerTableFeatures, Member>();
const getRowId = (account: Member) => account.id;

function columns(open: (dialog: ServiceAccountDialog) => void, selfId: string | null) {
  return helper.columns([
    helper.display({
      id: "name",
      header: "Name",
      cell: ({ row }) => (
        <div className="flex min-w-0 items-center gap-2.5">
          <span
            aria-hidden
            className="flex size-7 shrink-0 items-center justify-center rounded-md border border-border bg-subtle text-muted-foreground"
          >
            <Bot className="size-4" />
          </span>
          <div className="min-w-0">
            <div className="flex items-center gap-2">
              <span className="truncate font-medium text-foreground">{row.original.name || "Unnamed"}</span>
              {row.original.id === selfId ? (
                <Badge tone="info" title="Roster signs in to Arthur as this account">
                  Roster itself
                </Badge>
              ) : null}
            </div>
            <div className="truncate font-mono text-[11px] text-muted-foreground">{row.original.id}</div>
          </div>
        </div>
      ),
    }),
    helper.display({
      id: "role",
      header: "Organization role",
      cell: ({ row }) => (row.original.role ? <span>{roleLabel(row.original.role)}</span> : <Badge tone="outline">No role</Badge>),
    }),
    helper.display({
      id: "added",
      header: "Added",
      cell: ({ row }) =>
        row.original.addedAt ? (
          <RelativeTime iso={row.original.addedAt} className="text-muted-foreground tabular" />
        ) : (
          <span className="text-muted-foreground">—</span>
        ),
    }),
    helper.display({
      id: "actions",
      header: () => <span className="sr-only">Actions</span>,
      meta: { className: "w-px text-right" },
      cell: ({ row }) => {
        const account = row.original;
        const name = account.name || account.id;
        return (
          <div className="flex justify-end gap-1">
            <Button variant="ghost" onClick={() => open({ kind: "rename", account })} aria-label={`Rename ${name}`}>
              <Pencil aria-hidden />
              <span className="hidden lg:inline">Rename</span>
            </Button>
            <Button
              variant="ghost"
              onClick={() => open({ kind: "regenerate", account, self: account.id === selfId })}
              aria-label={`Regenerate the secret of ${name}`}
            >
              <KeyRound aria-hidden />
              <span className="hidden lg:inline">Regenerate secret</span>
            </Button>
          </div>
        );
      },
    }),
  ]);
}

interface ServiceAccountsTableProps {
  accounts: Member[] | undefined;
  selfId: string | null;
  loading: boolean;
  stale: boolean;
  empty: ReactNode;
  onOpen: (dialog: ServiceAccountDialog) => void;
}

/** Every Arthur service account on one page (organizations have tens, not thousands). */
export function ServiceAccountsTable({ accounts, selfId, loading, stale, empty, onOpen }: ServiceAccountsTableProps) {
  const cols = useMemo(() => columns(onOpen, selfId), [onOpen, selfId]);
  const data = accounts ?? [];
  const table = useSinglePageTable(cols, data, getRowId);
  return <DataTable table={table} label="Arthur service accounts" loading={loading} stale={stale} skeletonRows={4} empty={empty} />;
}
