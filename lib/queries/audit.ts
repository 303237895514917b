import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api/fetcher";
import type { AuditResponse } from "@/lib/audit/types";
import { auditApiParams, type AuditFilters } from "./audit-filters";
import { auditKeys } from "./keys";

export function fetchAudit(filters: AuditFilters, signal?: AbortSignal): Promise<AuditResponse> {
  return apiFetch<AuditResponse>(`/api/audit?${auditApiParams(filters).toString()}`, { signal });
}

export function auditQueryOptions(filters: AuditFilters) {
  return queryOptions({
    queryKey: auditKeys.list(filters),
    queryFn: ({ signal }) => fetchAudit(filters, signal),
    placeholderData: keepPreviousData,
  });
}

/** Where "Download CSV" points: the same filters, every page. */
export function auditExportHref(filters: AuditFilters): string {
  const search = auditApiParams(filters, { paged: false }).toString();
  return `/api/audit/export${search ? `?${search}` : ""}`;
}
