"use client";

import { createColumnHelper } from "@tanstack/react-table";
import type { Person } from "@/lib/directory/types";
import { Checkbox } from "@/components/ui/checkbox";
import { DataTableColumnHeader } from "@/components/data-table/data-table-column-header";
import type { ServerTableFeatures } from "@/components/data-table/features";
import { AddedCell, KindCell, LastActiveCell, NameCell, ProvidersCell, RolesCell, StatusCell } from "./users-cells";
import { earliestAddedAt } from "./person-summary";
import { personLabel, UserRowActions } from "./user-row-actions";

const helper = createColumnHelper<ServerTableFeatures, Person>();

/** Users table columns. Sortable column ids match the API's sort fields (name, providers, addedAt). */
export const usersColumns = helper.columns([
  helper.display({
    id: "select",
    header: ({ table }) => (
      <Checkbox
        aria-label="Select all on this page"
        checked={table.getIsAllPageRowsSelected() ? true : table.getIsSomePageRowsSelected() ? "indeterminate" : false}
        disabled={table.getRowModel().rows.length === 0}
        onCheckedChange={(checked) => table.toggleAllPageRowsSelected(checked === true)}
        className="align-middle"
      />
    ),
    cell: ({ row }) => (
      <Checkbox
        aria-label={`Select ${personLabel(row.original)}`}
        checked={row.getIsSelected()}
        // The row handler reads `target.checked` and the Shift key (range selection).
        onClick={(event) => row.getToggleSelectedHandler()({ target: { checked: !row.getIsSelected() }, shiftKey: event.shiftKey })}
        className="align-middle"
      />
    ),
    enableSorting: false,
    enableHiding: false,
    meta: { className: "w-10 pr-0" },
  }),
  helper.accessor("name", {
    id: "name",
    header: ({ column }) => <DataTableColumnHeader column={column} title="Name" />,
    cell: ({ row }) => <NameCell person={row.original} />,
    enableHiding: false,
    meta: { label: "Name", className: "min-w-44" },
  }),
  helper.accessor((person) => person.memberships.length, {
    id: "providers",
    header: ({ column }) => <DataTableColumnHeader column={column} title="Providers" />,
    cell: ({ row }) => <ProvidersCell person={row.original} />,
    sortDescFirst: true,
    meta: { label: "Providers", className: "min-w-48" },
  }),
  helper.display({
    id: "roles",
    header: "Roles",
    cell: ({ row }) => <RolesCell person={row.original} />,
    meta: { label: "Roles" },
  }),
  helper.display({
    id: "status",
    header: "Status",
    cell: ({ row }) => <StatusCell person={row.original} />,
    meta: { label: "Status", className: "w-24" },
  }),
  helper.display({
    id: "kind",
    header: "Kind",
    cell: ({ row }) => <KindCell person={row.original} />,
    // Shown from 1536 px: below, the name's avatar (a robot for a service account) says it, and the table keeps to the window.
    meta: { label: "Kind", className: "hidden w-24 2xl:table-cell" },
  }),
  helper.accessor((person) => earliestAddedAt(person), {
    id: "addedAt",
    header: ({ column }) => <DataTableColumnHeader column={column} title="Added" />,
    cell: ({ row }) => <AddedCell person={row.original} />,
    sortDescFirst: true,
    meta: { label: "Added", className: "w-24 whitespace-nowrap" },
  }),
  helper.display({
    id: "lastActive",
    header: "Last active",
    cell: ({ row }) => <LastActiveCell person={row.original} />,
    meta: { label: "Last active", className: "w-24 whitespace-nowrap" },
  }),
  helper.display({
    id: "actions",
    header: () => <span className="sr-only">Actions</span>,
    cell: ({ row }) => <UserRowActions person={row.original} />,
    enableSorting: false,
    enableHiding: false,
    meta: { className: "w-12 text-right" },
  }),
]);
