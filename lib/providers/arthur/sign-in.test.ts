import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { faultSchema } from "../../sandbox/faults";
import { type TestSandboxOptions, startTestSandbox } from "../../sandbox/test-sandbox";
import { loadOpenApi, validateResponse } from "../../testing/openapi-contract";
import { providerError } from "../test-helpers";
import type { ProviderConnection } from "../types";
import { arthurExtras, createArthurAdapter } from "./adapter";
import { DISCOVERY_PATH, SANDBOX_TOKEN_PATH, createArthurSandbox } from "./sandbox";

/**
 * Arthur sign-in with OAuth2 client credentials, against the real sandbox over HTTP: the
 * token endpoint found through Arthur's discovery document, tokens that expire within
 * seconds, renewal before expiry and once after a 401, and the identity provider's own
 * words when it refuses the credentials.
 */

const SPEC = path.resolve(__dirname, "../../../../shared/specs/arthur/arthur-ai-platform-openapi.json");
const CLIENT = { clientId: "roster-test", clientSecret: "test-client-secret-0123456789" };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const opened: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

/** A sandbox of its own (so its port, and Roster's kept token, belong to this test) and a client-credentials connection. */
async function arthur(options: { users?: number; ttl?: number; sandbox?: TestSandboxOptions } = {}) {
  const definition = createArthurSandbox({
    users: options.users ?? 40,
    tokenTtlSeconds: options.ttl,
    client: { clientId: CLIENT.clientId, secrets: [CLIENT.clientSecret] },
  });
  const sandbox = await startTestSandbox(definition, options.sandbox);
  opened.push(sandbox);
  const connection: ProviderConnection = { baseUrl: sandbox.running.baseUrl, token: "", clientCredentials: CLIENT, timeoutMs: 5_000 };
  const calls = (pattern: string) => sandbox.running.requests.filter((r) => r.pattern === pattern);
  return { sandbox, connection, adapter: createArthurAdapter(connection), calls };
}

async function requestToken(baseUrl: string, clientId: string, clientSecret: string) {
  return fetch(baseUrl + SANDBOX_TOKEN_PATH, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}`,
    },
    body: "grant_type=client_credentials",
  });
}

describe("Arthur sign-in with client credentials", () => {
  it("keeps one sync going across several token lifetimes, renewing each token before it expires", async () => {
    // 2-second tokens; pages of 15 and 300 ms per answer make the sync last several lifetimes.
    const { adapter, calls, sandbox } = await arthur({
      users: 1500,
      ttl: 2,
      sandbox: {
        handlerDelayMs: 300,
        beforeHandle: (req) => {
          if (req.query.has("page_size")) req.query.set("page_size", "15");
        },
      },
    });
    const members = await adapter.listMembers();
    expect(members.length).toBe(1500);
    const tokens = calls(SANDBOX_TOKEN_PATH);
    expect(tokens.length, "tokens issued during one sync").toBeGreaterThanOrEqual(3);
    expect(tokens.every((t) => t.status === 200)).toBe(true);
    const reads = sandbox.running.requests.filter((r) => r.path.startsWith("/api/v1/organization/"));
    expect(reads.length).toBeGreaterThan(100);
    // Renewed before expiry: each new token was asked for while the one before was still valid
    // (issued 2 s apart at most), and no request went out with an expired token.
    const times = tokens.map((t) => Date.parse(t.time));
    const gaps = times.slice(1).map((time, i) => time - times[i]);
    expect(
      gaps.filter((gap) => gap >= 2_000),
      "renewals after the token had expired",
    ).toEqual([]);
    expect(reads.filter((r) => r.status === 401)).toEqual([]);
    expect(calls(DISCOVERY_PATH), "the discovery document is read once").toHaveLength(1);
  });

  it("renews once after a 401, one renewal shared by the requests refused together, and sends each again once", async () => {
    const { adapter, calls, sandbox } = await arthur();
    await adapter.whoami();
    expect(calls(SANDBOX_TOKEN_PATH)).toHaveLength(1);
    sandbox.running.faults.add(faultSchema.parse({ route: "/api/v1/users/me", status: 401, message: "Token expired", times: 4 }));

    const who = await Promise.all([1, 2, 3, 4].map(() => adapter.whoami()));
    expect(who.map((w) => w.name)).toEqual(["Roster", "Roster", "Roster", "Roster"]);
    expect(calls(SANDBOX_TOKEN_PATH), "one renewal").toHaveLength(2);
    expect(calls("/api/v1/users/me").map((r) => r.status)).toEqual([200, 401, 401, 401, 401, 200, 200, 200, 200]);
  });

  it("never loops: a token refused again after its renewal is reported, after one renewal and two tries", async () => {
    const { adapter, calls, sandbox } = await arthur();
    await adapter.whoami();
    sandbox.running.faults.add(faultSchema.parse({ route: "/api/v1/users/me", status: 401, message: "Token is not active" }));
    const error = await providerError(adapter.whoami());
    expect(error).toMatchObject({ provider: "arthur", kind: "http", status: 401 });
    expect(error.message).toBe(
      "Arthur refused Roster's access token, also one it had just issued to Roster's client credentials: Token is not active",
    );
    expect(calls(SANDBOX_TOKEN_PATH)).toHaveLength(2);
    expect(calls("/api/v1/users/me").map((r) => r.status)).toEqual([200, 401, 401]);
  });

  it("a wrong secret gets the identity provider's own OAuth error, and no API call is made", async () => {
    const { sandbox, connection, calls } = await arthur();
    const wrong = createArthurAdapter({ ...connection, clientCredentials: { clientId: CLIENT.clientId, clientSecret: "not-the-secret" } });
    const error = await providerError(wrong.whoami());
    expect(error).toMatchObject({ provider: "arthur", kind: "http", status: 401 });
    expect(error.message).toBe(
      `Arthur's sign-in refused Roster's client credentials (client id "roster-test"): invalid_client: Invalid client or Invalid client credentials`,
    );
    expect(
      calls(SANDBOX_TOKEN_PATH).map((r) => r.status),
      "a refusal is not retried",
    ).toEqual([401]);
    expect(sandbox.running.requests.filter((r) => r.path.startsWith("/api/v1/") && r.pattern !== DISCOVERY_PATH)).toEqual([]);
  });

  it("a service account Roster creates can sign in; regenerating its secret retires the old one", async () => {
    const { connection, sandbox } = await arthur();
    const extras = arthurExtras(connection);
    const { account, credentials } = await extras.createServiceAccount("sign-in-bot");
    if (credentials.kind !== "service_account") throw new Error("expected service-account credentials");
    const bot = createArthurAdapter({
      ...connection,
      clientCredentials: { clientId: credentials.clientId, clientSecret: credentials.clientSecret.reveal() },
    });
    expect((await bot.whoami()).id).toBeTruthy();

    const fresh = await extras.regenerateCredentials(account.id);
    if (fresh.credentials.kind !== "service_account") throw new Error("expected service-account credentials");
    const base = sandbox.running.baseUrl;
    expect((await requestToken(base, credentials.clientId, credentials.clientSecret.reveal())).status).toBe(401);
    expect((await requestToken(base, credentials.clientId, fresh.credentials.clientSecret.reveal())).status).toBe(200);
  });

  it("a fixed ARTHUR_ACCESS_TOKEN that expired says so, and how to configure client credentials", async () => {
    const { sandbox } = await arthur({ ttl: 1 });
    const issued = (await (await requestToken(sandbox.running.baseUrl, CLIENT.clientId, CLIENT.clientSecret)).json()) as {
      access_token: string;
    };
    const fixed = createArthurAdapter({ baseUrl: sandbox.running.baseUrl, token: issued.access_token, timeoutMs: 5_000 });
    expect((await fixed.whoami()).name).toBe("Roster");
    await sleep(1_100);
    const error = await providerError(fixed.whoami());
    expect(error).toMatchObject({ provider: "arthur", kind: "http", status: 401 });
    expect(error.message).toMatch(
      /^Arthur rejected Roster's access token \(ARTHUR_ACCESS_TOKEN\), which has expired or been revoked: Invalid authentication credentials\./,
    );
    expect(error.message).toContain("set ARTHUR_CLIENT_ID and ARTHUR_CLIENT_SECRET to an Arthur service account's credentials");
  });

  it("follows the contract: discovery as the spec defines it, the spec's token path, and RFC 6749's token request and answer", async () => {
    const { adapter, sandbox, calls } = await arthur();
    await adapter.whoami();
    const doc = loadOpenApi(SPEC);
    const [discovery] = calls(DISCOVERY_PATH);
    expect(validateResponse(doc, { method: "GET", path: DISCOVERY_PATH, status: discovery.status, body: discovery.responseBody })).toEqual(
      [],
    );
    expect(discovery.responseBody).toMatchObject({ token_endpoint: `${new URL(sandbox.running.baseUrl).origin}${SANDBOX_TOKEN_PATH}` });
    const raw = JSON.parse(fs.readFileSync(SPEC, "utf8")) as {
      components: { securitySchemes: Record<string, { flows: { authorizationCode: { tokenUrl: string } } }> };
    };
    const tokenUrl = raw.components.securitySchemes.OAuth2AuthorizationCode.flows.authorizationCode.tokenUrl;
    expect(new URL(tokenUrl).pathname).toBe(SANDBOX_TOKEN_PATH);

    // Client authentication in the Basic header (the default method), so the form carries the grant type alone.
    const [sent] = calls(SANDBOX_TOKEN_PATH);
    expect(sent).toMatchObject({ method: "POST", body: { grant_type: "client_credentials" }, status: 200 });
    expect(sent.responseBody).toEqual({ access_token: "[redacted]", token_type: "Bearer", expires_in: 300, scope: "" });
    const res = await requestToken(sandbox.running.baseUrl, CLIENT.clientId, CLIENT.clientSecret);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const refused = await fetch(sandbox.running.baseUrl + SANDBOX_TOKEN_PATH, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=password&client_id=roster-test&client_secret=x",
    });
    expect(await refused.json()).toEqual({ error: "unsupported_grant_type", error_description: "Unsupported grant_type: password" });
  });
});
