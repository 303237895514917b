import {
  columnVisibilityFeature,
  metaHelper,
  rowPaginationFeature,
  rowSelectionFeature,
  rowSortingFeature,
  tableFeatures,
  type ReactTable,
} from "@tanstack/react-table";

export interface DataTableColumnMeta {
  /** Name in the column-visibility menu (defaults to the column id). */
  label?: string;
  /** Classes for the column's header and body cells (width, alignment). */
  className?: string;
}

/**
 * Features of Roster's server-driven tables: the server sorts and pages, the browser only
 * keeps selection and column visibility. Defined once, at module scope, as v9 requires.
 */
export const serverTableFeatures = tableFeatures({
  rowSortingFeature,
  rowPaginationFeature,
  columnVisibilityFeature,
  rowSelectionFeature,
  columnMeta: metaHelper<DataTableColumnMeta>(),
});

export type ServerTableFeatures = typeof serverTableFeatures;
export type ServerTable<TData extends object> = ReactTable<ServerTableFeatures, TData>;

/** Shift-click on a row checkbox selects the range from the last one clicked. */
export function isShiftClick(event: unknown): boolean {
  return Boolean(event && typeof event === "object" && "shiftKey" in event && event.shiftKey);
}
