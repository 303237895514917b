import { AUDIT_ACTIONS, AUDIT_OUTCOMES, AUDIT_QUERY_LIMITS as L, type AuditOutcome } from "@/lib/audit/constants";
import { PROVIDER_IDS } from "@/lib/providers/types";
import type { ProviderId } from "@/lib/providers/types";

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * The audit page's filters as they live in its URL. Dates are the `yyyy-mm-dd` of a date
 * input, read as whole days in the operator's time zone when sent to the API.
 */
export interface AuditFilters {
  actor: string;
  provider?: ProviderId;
  action?: AuditAction;
  outcome?: AuditOutcome;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export const DEFAULT_AUDIT_FILTERS: AuditFilters = { actor: "", page: 1, pageSize: L.defaultPageSize };

export const AUDIT_FILTER_KEYS = ["actor", "provider", "action", "outcome", "from", "to"] as const;
export type AuditFilterKey = (typeof AUDIT_FILTER_KEYS)[number];

const DAY = /^\d{4}-\d{2}-\d{2}$/;

interface ParamSource {
  get(name: string): string | null;
}

function oneOf<T extends string>(values: readonly T[], raw: string | null): T | undefined {
  return raw !== null && (values as readonly string[]).includes(raw) ? (raw as T) : undefined;
}

function whole(raw: string | null, max: number, fallback: number): number {
  const n = raw === null || raw.trim() === "" ? NaN : Number(raw);
  return Number.isInteger(n) && n >= 1 && n <= max ? n : fallback;
}

function day(raw: string | null): string | undefined {
  return raw && DAY.test(raw) && !Number.isNaN(Date.parse(raw)) ? raw : undefined;
}

/** Reads the filters from search params by the API's rules; a bad value falls back to "no filter" instead of failing. */
export function parseAuditFilters(params: ParamSource): AuditFilters {
  const actor = (params.get("actor") ?? "").trim();
  return {
    actor: actor.length <= L.actor ? actor : "",
    provider: oneOf(PROVIDER_IDS, params.get("provider")),
    action: oneOf(AUDIT_ACTIONS, params.get("action")),
    outcome: oneOf(AUDIT_OUTCOMES, params.get("outcome")),
    from: day(params.get("from")),
    to: day(params.get("to")),
    page: whole(params.get("page"), Number.MAX_SAFE_INTEGER, DEFAULT_AUDIT_FILTERS.page),
    pageSize: whole(params.get("pageSize"), L.pageSize, DEFAULT_AUDIT_FILTERS.pageSize),
  };
}

/** The filters as the page's own search params (defaults left out). */
export function auditFiltersToSearchParams(filters: AuditFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of AUDIT_FILTER_KEYS) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  if (filters.page !== DEFAULT_AUDIT_FILTERS.page) params.set("page", String(filters.page));
  if (filters.pageSize !== DEFAULT_AUDIT_FILTERS.pageSize) params.set("pageSize", String(filters.pageSize));
  return params;
}

export function hasAuditFilters(filters: AuditFilters): boolean {
  return AUDIT_FILTER_KEYS.some((key) => Boolean(filters[key]));
}

/** Start (`from`) or end (`to`) of a local calendar day, as an ISO time. */
function dayBound(value: string, end: boolean): string {
  return new Date(`${value}T${end ? "23:59:59.999" : "00:00:00.000"}`).toISOString();
}

/**
 * The filters as the API's query (`GET /api/audit`, `/api/audit/export`): days become
 * the start and end of that day in the operator's time zone, so "To" includes its day.
 */
export function auditApiParams(filters: AuditFilters, { paged = true }: { paged?: boolean } = {}): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.actor) params.set("actor", filters.actor);
  if (filters.provider) params.set("provider", filters.provider);
  if (filters.action) params.set("action", filters.action);
  if (filters.outcome) params.set("outcome", filters.outcome);
  if (filters.from) params.set("from", dayBound(filters.from, false));
  if (filters.to) params.set("to", dayBound(filters.to, true));
  if (paged) {
    params.set("page", String(filters.page));
    params.set("pageSize", String(filters.pageSize));
  }
  return params;
}

const ACTION_LABELS: Record<string, string> = {
  change_role: "Change role",
  remove_member: "Remove member",
  revoke_invite: "Revoke invite",
  offboard: "Remove everywhere",
  request_invite: "Request invite",
  approve_request: "Approve request",
  reject_request: "Reject request",
  cancel_request: "Cancel request",
  expire_request: "Request expired",
  send_invite: "Send invite",
  create_api_token: "Create API token",
  revoke_api_token: "Revoke API token",
};

export const AUDIT_ACTION_OPTIONS: ReadonlyArray<{ value: AuditAction; label: string }> = AUDIT_ACTIONS.map((value) => ({
  value,
  label: auditActionLabel(value),
}));

export const AUDIT_OUTCOME_OPTIONS: ReadonlyArray<{ value: AuditOutcome; label: string }> = AUDIT_OUTCOMES.map(
  (value) => ({ value, label: value.charAt(0).toUpperCase() + value.slice(1) }),
);

/** "Change role" for `change_role`; unknown actions read as words. */
export function auditActionLabel(action: string): string {
  const words = action.replace(/_/g, " ");
  return ACTION_LABELS[action] ?? words.charAt(0).toUpperCase() + words.slice(1);
}
