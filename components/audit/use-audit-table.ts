"use client";

import { functionalUpdate, useTable, type OnChangeFn, type PaginationState } from "@tanstack/react-table";
import { useMemo } from "react";
import type { AuditEvent, AuditResponse } from "@/lib/audit/types";
import type { AuditFilters } from "@/lib/queries/audit-filters";
import { serverTableFeatures } from "@/components/data-table/features";
import { useColumnVisibility } from "@/components/data-table/use-column-visibility";
import { auditColumns } from "./audit-columns";

const EMPTY_EVENTS: AuditEvent[] = [];
const getRowId = (event: AuditEvent) => String(event.id);

interface UseAuditTableOptions {
  filters: AuditFilters;
  data: AuditResponse | undefined;
  setFilters: (patch: Partial<AuditFilters>) => void;
}

/** The audit table: the server filters and pages (state in the URL); column visibility is kept locally. */
export function useAuditTable({ filters, data, setFilters }: UseAuditTableOptions) {
  const [columnVisibility, setColumnVisibility] = useColumnVisibility("audit");
  const pagination = useMemo<PaginationState>(
    () => ({ pageIndex: filters.page - 1, pageSize: filters.pageSize }),
    [filters.page, filters.pageSize],
  );

  const onPaginationChange: OnChangeFn<PaginationState> = (updater) => {
    const next = functionalUpdate(updater, pagination);
    if (next.pageSize !== pagination.pageSize) {
      const firstRow = pagination.pageIndex * pagination.pageSize;
      setFilters({ pageSize: next.pageSize, page: Math.floor(firstRow / next.pageSize) + 1 });
    } else {
      setFilters({ page: Math.max(1, next.pageIndex + 1) });
    }
  };

  return useTable({
    features: serverTableFeatures,
    columns: auditColumns,
    data: data?.events ?? EMPTY_EVENTS,
    getRowId,
    rowCount: data?.total ?? 0,
    manualSorting: true,
    manualPagination: true,
    autoResetPageIndex: false,
    enableSorting: false,
    enableRowSelection: false,
    state: { pagination, columnVisibility },
    onPaginationChange,
    onColumnVisibilityChange: setColumnVisibility,
  });
}
