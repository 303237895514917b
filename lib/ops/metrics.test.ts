import { afterEach, describe, expect, it } from "vitest";
import { GET } from "@/app/api/metrics/route";
import {
  bearerMatches,
  countAuditRow,
  countLimited,
  observeApiRequest,
  observeProviderCall,
  observeSync,
  operationOf,
  routePattern,
} from "./metrics";

const TOKEN = "metrics-test-token-0123456789abcdef";
const call = (authorization?: string) =>
  GET(new Request("http://roster.test/api/metrics", { headers: authorization ? { authorization } : {} }));

afterEach(() => {
  delete process.env.ROSTER_METRICS_TOKEN;
});

describe("GET /api/metrics", () => {
  it("does not exist without ROSTER_METRICS_TOKEN (404), whatever is sent", async () => {
    expect((await call()).status).toBe(404);
    expect((await call(`Bearer ${TOKEN}`)).status).toBe(404);
    process.env.ROSTER_METRICS_TOKEN = "  ";
    expect((await call("Bearer ")).status).toBe(404);
  });

  it("answers 401 to a missing, wrong or differently shaped token", async () => {
    process.env.ROSTER_METRICS_TOKEN = TOKEN;
    for (const header of [
      undefined,
      "Bearer wrong",
      `Bearer ${TOKEN}x`,
      `Bearer ${TOKEN.slice(0, -1)}`,
      TOKEN,
      `Basic ${TOKEN}`,
      "Bearer ",
    ]) {
      const res = await call(header);
      expect(res.status, String(header)).toBe(401);
      expect(res.headers.get("www-authenticate")).toContain("Bearer");
      expect(await res.text()).not.toContain("roster_");
    }
  });

  it("answers the Prometheus text format with every named family after some calls", async () => {
    process.env.ROSTER_METRICS_TOKEN = TOKEN;
    observeProviderCall("openai", "GET", "/organization/users/user-abc123", 200, 42);
    observeProviderCall("arthur", "GET", "/api/v1/organizations/9f1c2d3e-0000-4000-8000-000000000000/users", "timeout", 15_000);
    observeApiRequest("/api/members/[provider]/[memberId]", "PATCH", 200, 120);
    observeSync("astronomer", true, 2_500, Date.now() - 3_000);
    countAuditRow("change_role", "result", "success");
    countAuditRow("invite", "attempt", "refused");
    countLimited("api_rate");
    countLimited("sign_in_throttle");

    const res = await call(`Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const text = await res.text();
    for (const family of [
      "roster_provider_requests_total",
      "roster_provider_request_duration_seconds",
      "roster_sync_duration_seconds",
      "roster_snapshot_age_seconds",
      "roster_audit_events_total",
      "roster_api_request_duration_seconds",
      "roster_limited_requests_total",
      "roster_process_resident_memory_bytes",
      "roster_nodejs_heap_size_used_bytes",
    ]) {
      expect(text, family).toContain(`# TYPE ${family} `);
    }
    expect(text).toContain('roster_provider_requests_total{provider="openai",operation="GET /organization/users/:id",status="200"} 1');
    expect(text).toContain(
      'roster_provider_requests_total{provider="arthur",operation="GET /api/v1/organizations/:id/users",status="timeout"} 1',
    );
    expect(text).toContain(
      'roster_api_request_duration_seconds_count{route="/api/members/[provider]/[memberId]",method="PATCH",status="200"} 1',
    );
    expect(text).toContain('roster_sync_duration_seconds_count{provider="astronomer",outcome="success"} 1');
    expect(text).toMatch(/roster_snapshot_age_seconds\{provider="astronomer"\} [3-9]\.\d+/);
    expect(text).toContain('roster_audit_events_total{action="change_role",kind="result",outcome="success"} 1');
    expect(text).toContain('roster_limited_requests_total{kind="sign_in_throttle"} 1');
  });
});

describe("metric labels carry patterns, never ids", () => {
  it("names a route by its folders' pattern", () => {
    expect(routePattern("/api/members/astronomer/clx9abc", { provider: "astronomer", memberId: "clx9abc" })).toBe(
      "/api/members/[provider]/[memberId]",
    );
    expect(routePattern("/api/people/ann%40example.com/offboard", { email: "ann@example.com" })).toBe("/api/people/[email]/offboard");
    expect(routePattern("/api/users", undefined)).toBe("/api/users");
    expect(routePattern("/api/auth/callback/credentials", { nextauth: ["callback", "credentials"] })).toBe("/api/auth/[...nextauth]");
  });

  it("names a provider call by its method and path with ids as :id", () => {
    expect(operationOf("get", "/organizations/org1/users?limit=100")).toBe("GET /organizations/:id/users");
    expect(operationOf("DELETE", "/organization/invites/invite-abc12")).toBe("DELETE /organization/invites/:id");
  });

  it("compares the bearer token whole", () => {
    expect(bearerMatches(`Bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(bearerMatches(`bearer  ${TOKEN}`, TOKEN)).toBe(true);
    expect(bearerMatches(null, TOKEN)).toBe(false);
    expect(bearerMatches(`Bearer ${TOKEN} `, `${TOKEN}x`)).toBe(false);
  });
});
