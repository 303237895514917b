"use client";

import { type TableOptions, useTable } from "@tanstack/react-table";
import { type ServerTable, type ServerTableFeatures, serverTableFeatures } from "./features";

/**
 * A table that shows every row on one page, unsorted and without selection: for short
 * lists (tens of rows) that the server returns whole.
 */
export function useSinglePageTable<TData extends object>(
  columns: TableOptions<ServerTableFeatures, TData>["columns"],
  data: TData[],
  getRowId: (row: TData) => string,
): ServerTable<TData> {
  return useTable({
    features: serverTableFeatures,
    columns,
    data,
    getRowId,
    manualPagination: true,
    manualSorting: true,
    enableSorting: false,
    enableRowSelection: false,
    rowCount: data.length,
    state: { pagination: { pageIndex: 0, pageSize: Math.max(1, data.length) } },
  });
}
