"use client";

import { ChevronLeft, ChevronRight, ChevronsLeft, ChevronsRight } from "lucide-react";
import { useId } from "react";
import { formatNumber } from "@/components/common/format";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/native-select";
import type { ServerTable } from "./features";

export const PAGE_SIZE_OPTIONS = [25, 50, 100, 200] as const;

interface DataTablePaginationProps<TData extends object> {
  table: ServerTable<TData>;
}

/** "Showing 1–50 of 1,234", rows per page and first/previous/next/last. */
export function DataTablePagination<TData extends object>({ table }: DataTablePaginationProps<TData>) {
  const selectId = useId();
  const { pageIndex, pageSize } = table.state.pagination;
  const total = table.getRowCount();
  const pageCount = Math.max(1, table.getPageCount());
  const first = total === 0 ? 0 : Math.min(total, pageIndex * pageSize + 1);
  const last = Math.min(total, (pageIndex + 1) * pageSize);
  const sizes: number[] = PAGE_SIZE_OPTIONS.includes(pageSize as (typeof PAGE_SIZE_OPTIONS)[number])
    ? [...PAGE_SIZE_OPTIONS]
    : [...PAGE_SIZE_OPTIONS, pageSize].sort((a, b) => a - b);

  return (
    <div className="flex flex-col-reverse gap-3 px-1 text-[13px] text-muted-foreground sm:flex-row sm:items-center sm:justify-between">
      <p aria-live="polite" className="tabular">
        {total === 0 ? "No results" : `Showing ${formatNumber(first)}–${formatNumber(last)} of ${formatNumber(total)}`}
      </p>
      <div className="flex flex-wrap items-center gap-x-5 gap-y-2">
        <div className="flex items-center gap-2">
          <label htmlFor={selectId} className="whitespace-nowrap">
            Rows per page
          </label>
          <NativeSelect id={selectId} value={pageSize} onChange={(event) => table.setPageSize(Number(event.target.value))}>
            {sizes.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </NativeSelect>
        </div>
        <span className="tabular whitespace-nowrap">
          Page {formatNumber(Math.min(pageIndex + 1, pageCount))} of {formatNumber(pageCount)}
        </span>
        <div className="flex items-center gap-1">
          <Button size="icon" aria-label="First page" onClick={() => table.firstPage()} disabled={!table.getCanPreviousPage()}>
            <ChevronsLeft aria-hidden />
          </Button>
          <Button size="icon" aria-label="Previous page" onClick={() => table.previousPage()} disabled={!table.getCanPreviousPage()}>
            <ChevronLeft aria-hidden />
          </Button>
          <Button size="icon" aria-label="Next page" onClick={() => table.nextPage()} disabled={!table.getCanNextPage()}>
            <ChevronRight aria-hidden />
          </Button>
          <Button size="icon" aria-label="Last page" onClick={() => table.lastPage()} disabled={!table.getCanLastPage()}>
            <ChevronsRight aria-hidden />
          </Button>
        </div>
      </div>
    </div>
  );
}
