import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { type RunningSandbox, startSandbox } from "../sandbox/server";
import { providerError } from "./test-helpers";
import { buildUrl, createProviderHttp, parseRetryAfter } from "./http";

/** The shared HTTP layer against a real local HTTP server (a minimal sandbox). */
let hits = 0;
let server: RunningSandbox;

beforeAll(async () => {
  server = await startSandbox(
    {
      provider: "openai",
      basePath: "/v1",
      errorBody: (status, message) => ({ error: { message, type: "test", param: null, code: String(status) } }),
      reset: () => undefined,
      routes: [
        { method: "GET", pattern: "/things", handler: () => (hits++, { status: 200, body: { items: [1, 2] } }) },
        { method: "POST", pattern: "/things", handler: () => (hits++, { status: 200, body: { items: [] } }) },
        { method: "GET", pattern: "/wrong-shape", handler: () => (hits++, { status: 200, body: { items: "nope" } }) },
      ],
    },
    { port: 0, tokens: ["good"] },
  );
});
afterAll(() => server.close());
beforeEach(() => {
  hits = 0;
  server.faults.clear();
});

const schema = z.object({ items: z.array(z.number()) });
const http = (overrides: Partial<Parameters<typeof createProviderHttp>[0]> = {}) =>
  createProviderHttp({
    provider: "openai",
    baseUrl: server.baseUrl,
    token: "good",
    timeoutMs: 500,
    errorMessage: (body) => (body as { error?: { message?: string } })?.error?.message ?? null,
    ...overrides,
  });

describe("createProviderHttp", () => {
  it("sends the bearer token and parses the body with the schema", async () => {
    expect(await http().request({ path: "/things", schema })).toEqual({ items: [1, 2] });
  });

  it("turns the provider's error body into the error message, with provider and status", async () => {
    const error = await providerError(http({ token: "bad" }).request({ path: "/things", schema }));
    expect(error).toMatchObject({ provider: "openai", status: 401, kind: "http" });
    expect(error.message).toBe(
      "OpenAI rejected Roster's API key, which may have expired or been revoked: Invalid authentication credentials",
    );
  });

  it("retries a GET after a 429, honouring Retry-After", async () => {
    server.faults.add({ route: "/things", status: 429, retryAfter: 1, times: 1 });
    const started = Date.now();
    expect(await http().request({ path: "/things", schema })).toEqual({ items: [1, 2] });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(hits).toBe(1);
  });

  it("gives up on a Retry-After longer than it will wait, with the provider's message", async () => {
    server.faults.add({ route: "/things", status: 429, retryAfter: 600 });
    const error = await providerError(http().request({ path: "/things", schema }));
    expect(error.status).toBe(429);
    expect(error.message).toMatch(/Rate limit/);
  });

  it("never retries a POST, even after a 5xx", async () => {
    server.faults.add({ route: "/things", method: "POST", status: 503, times: 1 });
    const error = await providerError(http().request({ method: "POST", path: "/things", body: {}, schema }));
    expect(error.status).toBe(503);
    const log = server.requests.filter((r) => r.method === "POST");
    expect(log).toHaveLength(1);
  });

  it("retries a GET after a 500 and succeeds", async () => {
    server.faults.add({ route: "/things", method: "GET", status: 500, times: 2 });
    expect(await http().request({ path: "/things", schema })).toEqual({ items: [1, 2] });
  });

  it("times out a hanging provider within the bounded attempts", async () => {
    server.faults.add({ route: "/things", hang: true });
    const started = Date.now();
    const error = await providerError(http({ retries: 1 }).request({ path: "/things", schema }));
    expect(error.kind).toBe("timeout");
    expect(error.status).toBeNull();
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("reports malformed JSON and unexpected shapes as malformed", async () => {
    server.faults.add({ route: "/things", malformed: true });
    expect((await providerError(http({ retries: 0 }).request({ path: "/things", schema }))).message).toMatch(/not valid JSON/);
    const shape = await providerError(http({ retries: 0 }).request({ path: "/wrong-shape", schema }));
    expect(shape.kind).toBe("malformed");
    expect(shape.message).toMatch(/items/);
  });

  it("does not retry an answer that fails its schema (the same answer would come back), and names the field", async () => {
    const error = await providerError(http({ retries: 2 }).request({ path: "/wrong-shape", schema }));
    expect(error.kind).toBe("malformed");
    expect(error.message).toMatch(/^Unexpected answer from GET \/wrong-shape: items: /);
    expect(hits).toBe(1);
  });

  it("reports an unreachable provider as a network error naming the host", async () => {
    const error = await providerError(http({ baseUrl: "http://127.0.0.1:1/v1", retries: 0 }).request({ path: "/things" }));
    expect(error.kind).toBe("network");
    expect(error.message).toContain("127.0.0.1:1");
  });
});

describe("helpers", () => {
  it("builds URLs with repeated array parameters and without empty ones", () => {
    expect(buildUrl("http://x/v1/", "/users", { ids: ["a", "b"], limit: 5, after: undefined })).toBe(
      "http://x/v1/users?ids=a&ids=b&limit=5",
    );
  });

  it("parses Retry-After as seconds or a date", () => {
    expect(parseRetryAfter("3")).toBe(3000);
    expect(parseRetryAfter(new Date(Date.now() + 2000).toUTCString(), Date.now())).toBeGreaterThan(0);
    expect(parseRetryAfter("soon")).toBeNull();
    expect(parseRetryAfter(null)).toBeNull();
  });
});
