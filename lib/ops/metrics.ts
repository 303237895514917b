import { timingSafeEqual, createHash } from "node:crypto";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

/**
 * Roster's Prometheus metrics (`GET /api/metrics`, behind ROSTER_METRICS_TOKEN). One
 * registry per process, kept on globalThis: Next's server layers (route handlers,
 * instrumentation, rendering) each load their own copy of this module, and a counter
 * bumped in one must show in the answer the other serves (see lib/brand.ts).
 */

const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const SYNC_BUCKETS = [0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300];

function create() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "roster_" });
  const snapshotFetchedAt = new Map<string, number>();
  const m = {
    registry,
    snapshotFetchedAt,
    providerRequests: new Counter({
      name: "roster_provider_requests_total",
      help: "Calls to provider APIs, by provider, operation (method and path pattern) and status (HTTP status, or timeout/network)",
      labelNames: ["provider", "operation", "status"],
      registers: [registry],
    }),
    providerDuration: new Histogram({
      name: "roster_provider_request_duration_seconds",
      help: "Latency of calls to provider APIs",
      labelNames: ["provider", "operation", "status"],
      buckets: DURATION_BUCKETS,
      registers: [registry],
    }),
    syncDuration: new Histogram({
      name: "roster_sync_duration_seconds",
      help: "Time to read a provider's whole member list into a snapshot, by outcome",
      labelNames: ["provider", "outcome"],
      buckets: SYNC_BUCKETS,
      registers: [registry],
    }),
    auditEvents: new Counter({
      name: "roster_audit_events_total",
      help: "Audit rows written: changes, invites, sign-ins and refusals, by action, kind (attempt or result) and outcome",
      labelNames: ["action", "kind", "outcome"],
      registers: [registry],
    }),
    apiDuration: new Histogram({
      name: "roster_api_request_duration_seconds",
      help: "Latency of Roster's API by route pattern, method and status",
      labelNames: ["route", "method", "status"],
      buckets: DURATION_BUCKETS,
      registers: [registry],
    }),
    limited: new Counter({
      name: "roster_limited_requests_total",
      help: "Requests refused by a limit: kind api_rate (the API rate limit) or sign_in_throttle (too many failed sign-ins)",
      labelNames: ["kind"],
      registers: [registry],
    }),
  };
  new Gauge({
    name: "roster_snapshot_age_seconds",
    help: "Seconds since each provider's snapshot was last read in full by this server",
    labelNames: ["provider"],
    registers: [registry],
    collect() {
      this.reset();
      for (const [provider, at] of snapshotFetchedAt) this.set({ provider }, (Date.now() - at) / 1000);
    },
  });
  return m;
}

type Metrics = ReturnType<typeof create>;
const holder = globalThis as unknown as { __rosterMetrics?: Metrics };

export function metrics(): Metrics {
  return (holder.__rosterMetrics ??= create());
}

const VERSION = /^v\d+(?:(?:alpha|beta)\d*)?$/;

/**
 * A provider path as a pattern, so ids never become label values: every segment holding a
 * digit or an `@`, or longer than 24 characters, reads `:id` (an API version, `v1alpha1`, stays).
 */
export function operationOf(method: string, path: string): string {
  const pattern = path
    .split("?")[0]
    .split("/")
    .map((segment) => (!VERSION.test(segment) && (/[\d@%]/.test(segment) || segment.length > 24) ? ":id" : segment))
    .join("/");
  return `${method.toUpperCase()} ${pattern}`;
}

export function observeProviderCall(provider: string, method: string, path: string, status: string | number, ms: number): void {
  const labels = { provider, operation: operationOf(method, path), status: String(status) };
  const m = metrics();
  m.providerRequests.inc(labels);
  m.providerDuration.observe(labels, ms / 1000);
}

export function observeSync(provider: string, ok: boolean, ms: number, fetchedAt?: number): void {
  const m = metrics();
  m.syncDuration.observe({ provider, outcome: ok ? "success" : "failure" }, ms / 1000);
  if (ok && fetchedAt) m.snapshotFetchedAt.set(provider, fetchedAt);
}

export function countAuditRow(action: string, kind: string, outcome: string): void {
  metrics().auditEvents.inc({ action, kind, outcome });
}

export function countLimited(kind: "api_rate" | "sign_in_throttle"): void {
  metrics().limited.inc({ kind });
}

/**
 * The route's pattern from its path and the values Next matched (`/api/members/[provider]/[id]`),
 * so member ids and emails never become label values.
 */
export function routePattern(pathname: string, params: Record<string, string | string[]> | undefined): string {
  const byValue = new Map<string, string>();
  for (const [name, value] of Object.entries(params ?? {})) {
    if (Array.isArray(value)) value.forEach((v) => byValue.set(v, `[...${name}]`));
    else byValue.set(value, `[${name}]`);
  }
  const segments = pathname.split("/").map((segment) => {
    let decoded = segment;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      /* left as sent */
    }
    return byValue.get(decoded) ?? segment;
  });
  // A catch-all's segments collapse into its one name.
  return segments.filter((s, i) => !(s.startsWith("[...") && segments[i - 1] === s)).join("/");
}

export function observeApiRequest(route: string, method: string, status: number, ms: number): void {
  metrics().apiDuration.observe({ route, method, status: String(status) }, ms / 1000);
}

/** Whether `header` carries `Bearer <token>`, compared in constant time (hashes of equal length). */
export function bearerMatches(header: string | null, token: string): boolean {
  const sent = /^Bearer\s+(.+)$/i.exec(header?.trim() ?? "")?.[1] ?? "";
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(sent), digest(token)) && sent.length > 0;
}
