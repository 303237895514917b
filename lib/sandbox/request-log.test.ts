import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { REDACTED, type RecordedRequest, createRequestLog, isSecretKey, parseRedacted } from "./request-log";
import { type RunningSandbox, startSandbox } from "./server";

/** The request log of the provider-neutral sandbox server, over real HTTP. */

let received: unknown[] = [];
let server: RunningSandbox;

beforeAll(async () => {
  server = await startSandbox(
    {
      provider: "arthur",
      basePath: "/api",
      errorBody: (status, message) => ({ detail: message, status }),
      reset: () => undefined,
      routes: [
        {
          method: "POST",
          pattern: "/accounts",
          handler: (req) => {
            received.push(req.body);
            const credentials = { client_id: "id-1", client_secret: "s3cr3t-generated" };
            return { status: 201, body: { id: "a1", created: new Date(0), credentials, tokenType: "bearer" } };
          },
        },
        { method: "DELETE", pattern: "/accounts/{id}", handler: () => ({ status: 204 }) },
      ],
    },
    { port: 0, tokens: ["good"] },
  );
});
afterAll(() => server.close());
beforeEach(() => {
  received = [];
  server.requests.length = 0;
  server.faults.clear();
});

const call = (method: string, path: string, body?: unknown, token = "good") =>
  fetch(server.baseUrl + path, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe("the sandbox request log", () => {
  it("records each JSON answer as it went over the wire, with its status", async () => {
    const res = await call("POST", "/accounts", { name: "bot" });
    expect(res.status).toBe(201);
    expect((await res.json()).credentials.client_secret).toBe("s3cr3t-generated");
    const [record] = server.requests;
    expect(record).toMatchObject({ method: "POST", path: "/accounts", pattern: "/accounts", status: 201, body: { name: "bot" } });
    expect(record.responseBody).toEqual({
      id: "a1",
      created: "1970-01-01T00:00:00.000Z",
      credentials: { client_id: REDACTED, client_secret: REDACTED },
      tokenType: "bearer",
    });
  });

  it("redacts secrets in request bodies, while the handler gets the real ones", async () => {
    const sent = { name: "x", password: "one-time-pw", nested: [{ accessToken: "tok-1" }], credentials: { keys: ["k1", 7] } };
    await call("POST", "/accounts", sent);
    expect(received).toEqual([sent]);
    expect(server.requests[0].body).toEqual({
      name: "x",
      password: REDACTED,
      nested: [{ accessToken: REDACTED }],
      credentials: { keys: [REDACTED, 7] },
    });
    const log = await (await fetch(`${new URL(server.baseUrl).origin}/__sandbox/requests`)).text();
    for (const secret of ["one-time-pw", "tok-1", "k1", "s3cr3t-generated"]) expect(log).not.toContain(secret);
    expect(log).toContain(REDACTED);
  });

  it("records no body for empty answers and the error body for refusals and faults", async () => {
    await call("DELETE", "/accounts/a1");
    await call("DELETE", "/accounts/a1", undefined, "bad");
    server.faults.add({ route: "/accounts", status: 503, retryAfter: 1 });
    await call("POST", "/accounts", {});
    server.faults.clear();
    server.faults.add({ route: "/accounts", malformed: true });
    await call("POST", "/accounts", {});
    expect(server.requests.map((r) => [r.status, r.responseBody])).toEqual([
      [204, undefined],
      [401, { detail: "Invalid authentication credentials", status: 401 }],
      [503, { detail: "Service temporarily unavailable", status: 503 }],
      [200, undefined],
    ]);
  });
});

describe("redaction", () => {
  it("knows secret keys by their words", () => {
    const secret = [
      "password",
      "client_secret",
      "clientSecret",
      "secret",
      "secret_key",
      "token",
      "access_token",
      "apiToken",
      "credentials",
      "new-password",
    ];
    for (const key of secret) {
      expect(isSecretKey(key), key).toBe(true);
    }
    for (const key of ["token_type", "apiTokenName", "tokenId", "passwordless", "secretary_name", "name", "0"]) {
      expect(isSecretKey(key), key).toBe(false);
    }
  });

  it("redacts values by their key, not by their words, and is undefined for text that is not JSON", () => {
    expect(parseRedacted('{"detail":"Invalid token","token":"t","token_type":"bearer"}')).toEqual({
      detail: "Invalid token",
      token: REDACTED,
      token_type: "bearer",
    });
    expect(parseRedacted('"token"')).toBe("token");
    expect(parseRedacted('{"object":"list","data":[{"id":')).toBeUndefined();
  });
});

describe("the response budget", () => {
  const record = (i: number): RecordedRequest => ({
    method: "GET",
    path: `/${i}`,
    pattern: null,
    query: [],
    body: undefined,
    status: 0,
    time: "",
  });

  it("drops the oldest answers first once the log holds more than the budget", () => {
    const log = createRequestLog(100);
    const records = [0, 1, 2, 3].map(record);
    for (const r of records) {
      log.add(r);
      log.answered(r, 200, JSON.stringify({ pad: "x".repeat(30) }));
    }
    expect(records.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(records.map((r) => r.responseBody !== undefined)).toEqual([false, false, true, true]);
  });

  it("recounts after the log was emptied from outside", () => {
    const log = createRequestLog(100);
    const first = record(0);
    log.add(first);
    log.answered(first, 200, JSON.stringify({ pad: "x".repeat(60) }));
    log.requests.length = 0;
    const second = record(1);
    log.add(second);
    log.answered(second, 200, JSON.stringify({ pad: "x".repeat(60) }));
    expect(second.responseBody).toEqual({ pad: "x".repeat(60) });
  });
});
