"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { auditFiltersToSearchParams, parseAuditFilters, type AuditFilters } from "@/lib/queries/audit-filters";

/**
 * The audit page's filters and page live in its URL, like the users table: reads fall
 * back to "no filter" on bad values; writes replace the history entry without a reload.
 */
export function useAuditFilters() {
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const filters = useMemo(() => parseAuditFilters(searchParams), [searchParams]);

  const setFilters = useCallback(
    (patch: Partial<AuditFilters>, { resetPage = false }: { resetPage?: boolean } = {}) => {
      const current = parseAuditFilters(new URLSearchParams(window.location.search));
      const next: AuditFilters = { ...current, ...patch };
      if (resetPage) next.page = 1;
      const search = auditFiltersToSearchParams(next).toString();
      window.history.replaceState(null, "", search ? `${pathname}?${search}` : pathname);
    },
    [pathname],
  );

  const resetFilters = useCallback(
    () =>
      setFilters(
        { actor: "", provider: undefined, action: undefined, outcome: undefined, from: undefined, to: undefined },
        { resetPage: true },
      ),
    [setFilters],
  );

  return { filters, setFilters, resetFilters };
}
