"use client";

import { Download, X } from "lucide-react";
import type { ReactNode } from "react";
import type { Person, UsersQuery, UsersResponse } from "@/lib/directory/types";
import { hasUsersFilters, usersExportHref, type UsersListKey } from "@/lib/queries/users";
import { Button } from "@/components/ui/button";
import { DataTableFacetedFilter } from "@/components/data-table/data-table-faceted-filter";
import { USERS_QUERY_LIMITS } from "@/lib/directory/constants";
import { DataTableSearch } from "@/components/data-table/data-table-search";
import { DataTableSelectionBar } from "@/components/data-table/data-table-selection-bar";
import { DataTableViewOptions } from "@/components/data-table/data-table-view-options";
import { InvitePeopleButton } from "@/components/invites/invite-people-button";
import type { ServerTable } from "@/components/data-table/features";
import {
  inactiveOptions,
  KIND_OPTIONS,
  providerOptions,
  RoleGroupLabel,
  roleOptions,
  STATUS_OPTIONS,
  viaOptions,
  workspaceOptions,
} from "./users-facets";

interface UsersToolbarProps {
  table: ServerTable<Person>;
  query: UsersQuery;
  data: UsersResponse | undefined;
  onSearch: (q: string) => void;
  onFilter: (key: UsersListKey, values: string[]) => void;
  /** "Inactive for N days", or undefined for everyone. */
  onInactive: (days: number | undefined) => void;
  onReset: () => void;
  selectedCount: number;
  onClearSelection: () => void;
  /** Bulk actions for the selected rows, inside the selection bar. */
  bulkActions?: ReactNode;
  /** The refresh action, rendered at the end of the toolbar. */
  refresh: ReactNode;
}

export function UsersToolbar({
  table,
  query,
  data,
  onSearch,
  onFilter,
  onInactive,
  onReset,
  selectedCount,
  onClearSelection,
  bulkActions,
  refresh,
}: UsersToolbarProps) {
  return (
    <div className="flex flex-col gap-2 lg:flex-row lg:items-start lg:justify-between">
      <div className="flex min-w-0 flex-1 flex-wrap items-center gap-2">
        <DataTableSearch
          value={query.q}
          onChange={onSearch}
          label="Search people"
          placeholder="Search name or email…"
          maxLength={USERS_QUERY_LIMITS.q}
          className="w-full sm:w-64"
        />
        <DataTableFacetedFilter
          title="Provider"
          options={providerOptions(data?.providers)}
          selected={query.provider ?? []}
          onChange={(values) => onFilter("provider", values)}
        />
        <DataTableFacetedFilter
          title="Role"
          options={roleOptions(data, query.role)}
          selected={query.role ?? []}
          onChange={(values) => onFilter("role", values)}
          groupLabel={(group) => <RoleGroupLabel group={group} />}
        />
        <DataTableFacetedFilter
          title="Project / workspace"
          options={workspaceOptions(data, query.workspace)}
          selected={query.workspace ?? []}
          onChange={(values) => onFilter("workspace", values)}
          groupLabel={(group) => <RoleGroupLabel group={group} />}
        />
        <DataTableFacetedFilter
          title="Access"
          options={viaOptions(data)}
          selected={query.via ?? []}
          onChange={(values) => onFilter("via", values)}
        />
        <DataTableFacetedFilter
          title="Status"
          options={STATUS_OPTIONS}
          selected={query.status ?? []}
          onChange={(values) => onFilter("status", values)}
        />
        <DataTableFacetedFilter
          title="Kind"
          options={KIND_OPTIONS}
          selected={query.kind ?? []}
          onChange={(values) => onFilter("kind", values)}
        />
        <DataTableFacetedFilter
          title="Inactive"
          options={inactiveOptions(data, query.inactiveDays)}
          selected={query.inactiveDays !== undefined ? [String(query.inactiveDays)] : []}
          // One choice at a time: the one just ticked replaces the other.
          onChange={(values) => {
            const added = values.find((v) => v !== String(query.inactiveDays));
            onInactive(added !== undefined ? Number(added) : undefined);
          }}
        />
        {hasUsersFilters(query) ? (
          <Button variant="ghost" onClick={onReset}>
            Reset
            <X aria-hidden />
          </Button>
        ) : null}
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <DataTableSelectionBar count={selectedCount} onClear={onClearSelection}>
          {bulkActions}
        </DataTableSelectionBar>
        <DataTableViewOptions table={table} />
        {refresh}
        <Button asChild>
          <a
            href={usersExportHref(query)}
            download
            title="Download the people matching this search and these filters as CSV, one row per provider membership"
          >
            <Download aria-hidden />
            Export
          </a>
        </Button>
        <InvitePeopleButton size="sm" />
      </div>
    </div>
  );
}
