import fs from "node:fs";
import path from "node:path";
import type { DemoRole } from "../env";

/**
 * Every route handler under app/api, read from the file tree, and the access table that
 * must name each of them (access-tree.spec.ts); secrets.spec.ts reads every GET in it.
 */

export const ROLES: DemoRole[] = ["viewer", "requester", "admin", "owner"];
export const CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
/** Ids that exist nowhere, so a request that gets through changes nothing. */
export const NO_REQUEST = "00000000-0000-4000-8000-000000000000";

export interface Access {
  /** The least Roster role that may call it. */
  role: DemoRole;
  /** A concrete path for the pattern (harmless sample params). */
  path: string;
  /** Sent with changes; `{}` fails validation where the route takes a body, so nothing happens. */
  body?: unknown;
  /** Calling it as `role` would change something real: check only the refusals. */
  skipAllowed?: string;
  /** Only a signed-in person may call it: API tokens of any role are refused (session_required). */
  sessionOnly?: true;
}

/** `METHOD /api/pattern` (folders as in app/api) → what it needs. */
export const ACCESS: Record<string, Access> = {
  "POST /api/account/password": { role: "viewer", path: "/api/account/password", body: {}, sessionOnly: true },
  "GET /api/me/notifications": { role: "viewer", path: "/api/me/notifications", sessionOnly: true },
  "PATCH /api/me/notifications": { role: "viewer", path: "/api/me/notifications", body: {}, sessionOnly: true },
  "POST /api/arthur/accept-invites": {
    role: "owner",
    path: "/api/arthur/accept-invites",
    skipAllowed: "accepts Roster's own Arthur invites",
  },
  "PATCH /api/arthur/users/[id]": { role: "admin", path: "/api/arthur/users/no-such-user", body: {} },
  "POST /api/arthur/users": { role: "admin", path: "/api/arthur/users", body: {} },
  "GET /api/audit": { role: "viewer", path: "/api/audit" },
  "GET /api/audit/export": { role: "viewer", path: "/api/audit/export" },
  "POST /api/bulk": { role: "admin", path: "/api/bulk", body: {} },
  "GET /api/bulk/[id]": { role: "admin", path: `/api/bulk/${NO_REQUEST}` },
  "POST /api/bulk/[id]/retry": { role: "admin", path: `/api/bulk/${NO_REQUEST}/retry`, body: {} },
  "GET /api/connections": { role: "viewer", path: "/api/connections" },
  "GET /api/jobs": { role: "owner", path: "/api/jobs" },
  "GET /api/invite-requests": { role: "viewer", path: "/api/invite-requests" },
  "POST /api/invite-requests": { role: "requester", path: "/api/invite-requests", body: {}, sessionOnly: true },
  "GET /api/invite-requests/[id]": { role: "viewer", path: `/api/invite-requests/${NO_REQUEST}` },
  "POST /api/invite-requests/[id]/approve": {
    role: "admin",
    path: `/api/invite-requests/${NO_REQUEST}/approve`,
    body: {},
    sessionOnly: true,
  },
  "POST /api/invite-requests/[id]/cancel": {
    role: "requester",
    path: `/api/invite-requests/${NO_REQUEST}/cancel`,
    body: {},
    sessionOnly: true,
  },
  "POST /api/invite-requests/[id]/reject": {
    role: "admin",
    path: `/api/invite-requests/${NO_REQUEST}/reject`,
    body: {},
    sessionOnly: true,
  },
  "POST /api/invite-requests/[id]/retry": { role: "admin", path: `/api/invite-requests/${NO_REQUEST}/retry`, body: {}, sessionOnly: true },
  "GET /api/invites": { role: "viewer", path: "/api/invites" },
  "DELETE /api/invites/[provider]/[inviteId]": { role: "admin", path: "/api/invites/openai/invite-no-such-invite" },
  "PATCH /api/members/[provider]/[memberId]": { role: "admin", path: "/api/members/openai/user-no-such-member", body: {} },
  "DELETE /api/members/[provider]/[memberId]": { role: "admin", path: "/api/members/openai/user-no-such-member" },
  "POST /api/members/[provider]/[memberId]/groups": {
    role: "admin",
    path: "/api/members/arthur/00000000-0000-4000-8000-000000000000/groups",
    body: {},
  },
  "DELETE /api/members/[provider]/[memberId]/groups/[groupId]": {
    role: "admin",
    path: "/api/members/arthur/00000000-0000-4000-8000-000000000000/groups/no-such-group",
  },
  "GET /api/groups": { role: "viewer", path: "/api/groups?provider=arthur" },
  "GET /api/operators": { role: "admin", path: "/api/operators" },
  "POST /api/operators": { role: "owner", path: "/api/operators", body: {}, sessionOnly: true },
  "PATCH /api/operators/[id]": { role: "owner", path: `/api/operators/${NO_REQUEST}`, body: {}, sessionOnly: true },
  "GET /api/people/[email]": { role: "viewer", path: `/api/people/${encodeURIComponent("nobody@nowhere.example")}` },
  "POST /api/people/[email]/offboard": {
    role: "admin",
    path: `/api/people/${encodeURIComponent("nobody@nowhere.example")}/offboard`,
    body: {},
  },
  "GET /api/outside-changes": { role: "viewer", path: "/api/outside-changes" },
  "GET /api/people/[email]/timeline": { role: "viewer", path: `/api/people/${encodeURIComponent("nobody@nowhere.example")}/timeline` },
  "GET /api/reviews": { role: "viewer", path: "/api/reviews" },
  "POST /api/reviews": { role: "owner", path: "/api/reviews", body: {} },
  "GET /api/reviews/[id]": { role: "viewer", path: `/api/reviews/${NO_REQUEST}` },
  "GET /api/reviews/[id]/items": { role: "viewer", path: `/api/reviews/${NO_REQUEST}/items` },
  "POST /api/reviews/[id]/decisions": { role: "viewer", path: `/api/reviews/${NO_REQUEST}/decisions`, body: {} },
  "POST /api/reviews/[id]/close": { role: "owner", path: `/api/reviews/${NO_REQUEST}/close` },
  "POST /api/reviews/[id]/retry": { role: "owner", path: `/api/reviews/${NO_REQUEST}/retry` },
  "GET /api/reviews/[id]/report": { role: "viewer", path: `/api/reviews/${NO_REQUEST}/report` },
  "GET /api/reviews/[id]/report/export": { role: "viewer", path: `/api/reviews/${NO_REQUEST}/report/export` },
  "GET /api/roles": { role: "viewer", path: "/api/roles" },
  "GET /api/service-accounts": { role: "admin", path: "/api/service-accounts" },
  "POST /api/service-accounts": { role: "admin", path: "/api/service-accounts", body: {} },
  "PATCH /api/service-accounts/[id]": { role: "admin", path: "/api/service-accounts/no-such-account", body: {} },
  "POST /api/service-accounts/[id]/credentials": { role: "admin", path: "/api/service-accounts/no-such-account/credentials", body: {} },
  "POST /api/sync": { role: "viewer", path: "/api/sync", body: {} },
  "GET /api/tokens": { role: "owner", path: "/api/tokens", sessionOnly: true },
  "POST /api/tokens": { role: "owner", path: "/api/tokens", body: {}, sessionOnly: true },
  "DELETE /api/tokens/[id]": { role: "owner", path: `/api/tokens/${NO_REQUEST}`, sessionOnly: true },
  "GET /api/users": { role: "viewer", path: "/api/users" },
  "GET /api/users/export": { role: "viewer", path: "/api/users/export" },
};

/**
 * Public by design: next-auth's own endpoints (sign-in itself), liveness/readiness for
 * orchestrators (e2e/api/health.spec.ts proves they carry no member data or secret), the
 * OpenAPI document, which describes the API and holds nothing; the metrics take no session
 * but a bearer token of their own (lib/ops/metrics.test.ts).
 */
const PUBLIC = new Set(["/api/auth/[...nextauth]", "/api/health", "/api/ready", "/api/metrics", "/api/openapi.json"]);

/** `METHOD /api/...` for every method every route file under app/api exports. */
export function routesInTree(): string[] {
  const root = path.resolve(__dirname, "../../app");
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/^route\.(ts|tsx|js|mjs)$/.test(entry.name)) {
        const pattern =
          "/" +
          path
            .relative(root, dir)
            .split(path.sep)
            .filter((s) => !/^\(.*\)$/.test(s))
            .join("/");
        if (PUBLIC.has(pattern)) continue;
        const source = fs.readFileSync(full, "utf8");
        const methods = new Set<string>();
        for (const m of source.matchAll(/export\s+(?:const|let|var|async\s+function|function)\s+([A-Z]+)\b/g)) methods.add(m[1]);
        for (const m of source.matchAll(/export\s*\{([^}]*)\}/g)) {
          for (const name of m[1].split(","))
            methods.add(
              name
                .trim()
                .split(/\s+as\s+/)
                .pop()!
                .trim(),
            );
        }
        const exported = [...methods].filter((m) => (METHODS as readonly string[]).includes(m));
        if (!exported.length) throw new Error(`${path.relative(process.cwd(), full)} exports no HTTP method this test can read`);
        for (const method of exported) found.push(`${method} ${pattern}`);
      }
    }
  };
  walk(path.join(root, "api"));
  return found.sort();
}
