"use client";

import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import { Skeleton } from "@/components/ui/skeleton";
import type { ServerTable } from "./features";

interface DataTableProps<TData extends object> {
  table: ServerTable<TData>;
  /** Accessible name of the <table>. */
  label: string;
  /** No data yet: show skeleton rows. */
  loading?: boolean;
  /** Showing the previous page while the next one loads. */
  stale?: boolean;
  skeletonRows?: number;
  /** Shown in place of rows when there are none. */
  empty?: ReactNode;
}

const SKELETON_WIDTHS = ["w-3/4", "w-1/2", "w-2/3", "w-5/12", "w-7/12"];

function ariaSort(sorted: false | "asc" | "desc"): "ascending" | "descending" | undefined {
  return sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined;
}

export function DataTable<TData extends object>({
  table,
  label,
  loading = false,
  stale = false,
  skeletonRows = 10,
  empty,
}: DataTableProps<TData>) {
  const rows = table.getRowModel().rows;
  const columns = table.getVisibleLeafColumns();

  return (
    <div className="relative overflow-hidden rounded-lg border border-border bg-surface shadow-xs">
      <div
        aria-hidden
        className={cn("absolute inset-x-0 top-0 z-10 h-0.5 overflow-hidden transition-opacity", stale ? "opacity-100" : "opacity-0")}
      >
        <div className="h-full w-1/3 animate-table-progress bg-ring" />
      </div>
      {/* relative: what is absolutely placed in a cell (sr-only text) stays inside the scrolling box instead of widening the page. */}
      <div className="relative overflow-x-auto">
        <table aria-label={label} aria-busy={loading || stale} className="w-full border-collapse text-[13px]">
          <thead className="border-b border-border bg-subtle">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => (
                  <th
                    key={header.id}
                    scope="col"
                    aria-sort={ariaSort(header.column.getIsSorted())}
                    className={cn(
                      "h-9 px-3 text-left align-middle text-xs font-medium whitespace-nowrap text-muted-foreground first:pl-4 last:pr-4",
                      header.column.columnDef.meta?.className,
                    )}
                  >
                    {header.isPlaceholder ? null : <table.FlexRender header={header} />}
                  </th>
                ))}
              </tr>
            ))}
          </thead>
          <tbody className={cn("transition-opacity", stale && "opacity-60")}>
            {loading
              ? Array.from({ length: skeletonRows }, (_, index) => (
                  <tr key={index} className="border-b border-border last:border-0">
                    {columns.map((column, columnIndex) => (
                      <td key={column.id} className="h-[52px] px-3 first:pl-4 last:pr-4">
                        <Skeleton
                          className={cn(
                            "h-3.5",
                            column.id === "select" ? "size-4" : SKELETON_WIDTHS[(index + columnIndex) % SKELETON_WIDTHS.length],
                          )}
                        />
                      </td>
                    ))}
                  </tr>
                ))
              : null}
            {!loading && rows.length === 0 ? (
              <tr>
                <td colSpan={columns.length}>{empty}</td>
              </tr>
            ) : null}
            {!loading
              ? rows.map((row) => {
                  const selected = row.getIsSelected();
                  return (
                    <tr
                      key={row.id}
                      data-state={selected ? "selected" : undefined}
                      className={cn("border-b border-border transition-colors last:border-0", selected ? "bg-selected" : "hover:bg-subtle")}
                    >
                      {row.getVisibleCells().map((cell) => (
                        <td
                          key={cell.id}
                          className={cn("h-[52px] px-3 py-2 align-middle first:pl-4 last:pr-4", cell.column.columnDef.meta?.className)}
                        >
                          <table.FlexRender cell={cell} />
                        </td>
                      ))}
                    </tr>
                  );
                })
              : null}
          </tbody>
        </table>
      </div>
    </div>
  );
}
