import { E2E } from "../env";
import { expect, test } from "../fixtures";
import { cookieHeader, raw, type RawAnswer, setsSession } from "./raw-http";

/**
 * The sign-in throttle cannot be walked around (issue 12, items 1, 2, 13): next-auth acts on
 * the decoded route segments, so every other spelling of the credentials callback is
 * refused before any password is checked; a form that gives a field twice is refused (the
 * throttle and next-auth must read the same email); malformed bodies get a 4xx. Requests go
 * over raw HTTP so each path reaches Roster exactly as written. The e2e server trusts
 * x-forwarded-for (ROSTER_TRUST_PROXY=1): each test signs in from addresses of its own.
 */

const run = `${process.pid}${Date.now()}`.slice(-9);
let n = 0;
const newAddress = () => `203.0.113.${((Number(run.slice(-3)) + ++n) % 250) + 1}`;
const newEmail = (what: string) => `${what}-${run}-${++n}@signin-paths.test`;

/** A csrf token and its cookie, from one address. */
async function csrf(from: string): Promise<{ token: string; cookie: string }> {
  const res = await raw("/api/auth/csrf", { headers: { "x-forwarded-for": from } });
  return { token: (JSON.parse(res.text) as { csrfToken: string }).csrfToken, cookie: cookieHeader(res.setCookies) };
}

async function post(
  path: string,
  fields: Array<[string, string]> | string,
  from: string,
  type = "application/x-www-form-urlencoded",
  method = "POST",
): Promise<RawAnswer> {
  const { token, cookie } = await csrf(from);
  const body =
    typeof fields === "string"
      ? fields
      : new URLSearchParams([["csrfToken", token], ["json", "true"], ["callbackUrl", "/"], ...fields]).toString();
  return raw(path, { method, headers: { "content-type": type, cookie, "x-forwarded-for": from, origin: E2E.baseUrl }, body });
}

const signInFields = (email: string, password: string): Array<[string, string]> => [
  ["email", email],
  ["password", password],
];

/** Every other way to write the credentials callback (and a few around it). */
const VARIANTS = [
  "/api/auth/callback/%63redentials",
  "/api/auth/%63allback/credentials",
  "/api/auth/callback/credential%73",
  "/api/auth/callback/%2563redentials",
  "/api/auth/callback/Credentials",
  "/api/auth/callback/CREDENTIALS",
  "/api/auth/Callback/credentials",
  "/api/auth/callback/credentials/anything",
  "/api/auth/callback/credentials/x/y",
  "/api/auth/callback/credentials/",
  "/api/auth/callback/credentials//",
  "/api/auth/callback//credentials",
  "/api/auth//callback/credentials",
  "//api/auth/callback/credentials",
  "/api/auth/callback/credentials;x=1",
  "/api/auth/callback;x=1/credentials",
  "/api/auth/callback/credentials%2F",
  "/api/auth/callback%2Fcredentials",
  "/api/auth/callback%2fcredentials",
  "/api/auth/callback/credentials%2Fx",
  "/api/auth/callback/./credentials",
  "/api/auth/./callback/credentials",
  "/api/auth/callback/x/../credentials",
  "/api/auth/callback/credentials/.",
  "/api/auth/callback/credentials/%2E",
  "/api/auth/callback/%2E/credentials",
  "/api/auth/callback/credentials%00",
  "/api/auth/callback/credentials%20",
  "/api/auth/callback/credentials%09",
  "/api/auth/callback/credentials?nextauth=callback&nextauth=credentials",
  "/api/auth/x?nextauth=callback&nextauth=credentials",
  "/api/auth/x?nxtPnextauth=callback&nxtPnextauth=credentials",
  "/api/auth/x/y?nxtPnextauth=callback/credentials",
  "/api/auth/callback/credentials.json",
];

/** Refused without a password check: never next-auth's 401, never a session, never a 5xx. */
function expectUnchecked(res: RawAnswer, label: string) {
  expect(res.status, `${label}: ${res.text.slice(0, 200)}`).not.toBe(401);
  expect(res.status, `${label}: ${res.text.slice(0, 200)}`).toBeLessThan(500);
  expect([200, 302], `${label} answered ${res.status}`).not.toContain(res.status);
  expect(setsSession(res), `${label} signed in`).toBe(false);
}

test.describe("the sign-in throttle on every path that reaches the password check", () => {
  test.describe.configure({ timeout: 300_000 });

  test("with the account and the address locked (429), no other spelling of the callback checks a password or signs in", async ({ as }) => {
    const owner = await as("owner");
    const email = newEmail("locked");
    const password = `paths-${run}-password`;
    expect((await owner.post("/api/operators", { data: { email, name: "Paths Test", role: "viewer", password } })).status()).toBe(200);

    // Lock the email: 5 wrong passwords on the canonical path, each from another address.
    for (let i = 0; i < 5; i++)
      expect((await post("/api/auth/callback/credentials", signInFields(email, "wrong"), newAddress())).status).toBe(401);
    // Lock one address: its limit of failures, each for another email.
    const locked = newAddress();
    for (let i = 0; i < E2E.signInMaxPerAddress; i++)
      expect((await post("/api/auth/callback/credentials", signInFields(newEmail("addr"), "wrong"), locked)).status).toBe(401);
    expect((await post("/api/auth/callback/credentials", signInFields(email, password), newAddress())).status).toBe(429);
    expect((await post("/api/auth/callback/credentials", signInFields(newEmail("fresh"), "wrong"), locked)).status).toBe(429);

    for (const path of VARIANTS) {
      for (let i = 0; i < 2; i++)
        expectUnchecked(await post(path, signInFields(email, `wrong-${i}`), newAddress()), `${path}, locked email, wrong password`);
      expectUnchecked(await post(path, signInFields(email, password), newAddress()), `${path}, locked email, right password`);
      expectUnchecked(await post(path, signInFields(newEmail("other"), "wrong"), locked), `${path}, locked address`);
    }
    // Other methods on the canonical path check no password either.
    for (const method of ["GET", "HEAD", "PUT", "PATCH", "DELETE", "OPTIONS"]) {
      const query = new URLSearchParams({ email, password, csrfToken: "x" }).toString();
      const res = await raw(`/api/auth/callback/credentials?${query}`, { method, headers: { "x-forwarded-for": newAddress() } });
      // 405 for GET and HEAD (next-auth itself would answer GET with a 500), Next's own 405 or 204 (OPTIONS) for the rest.
      expect(res.status, `${method}: ${res.text.slice(0, 200)}`).toBe(method === "OPTIONS" ? 204 : 405);
      expect(setsSession(res), method).toBe(false);
    }
    // Still locked, and the canonical path still works for others.
    expect((await post("/api/auth/callback/credentials", signInFields(email, password), newAddress())).status).toBe(429);
    const viewer = await post("/api/auth/callback/credentials", signInFields(E2E.operators.viewer, E2E.password), newAddress());
    expect(viewer.status).toBe(200);
    expect(setsSession(viewer)).toBe(true);
  });

  test("a form that gives a field twice is refused (400) in either order; JSON counts the key next-auth reads", async ({ as }) => {
    const owner = await as("owner");
    const email = newEmail("twice");
    const password = `twice-${run}-password`;
    expect((await owner.post("/api/operators", { data: { email, name: "Twice Test", role: "viewer", password } })).status()).toBe(200);
    for (let i = 0; i < 5; i++)
      expect((await post("/api/auth/callback/credentials", signInFields(email, "wrong"), newAddress())).status).toBe(401);

    const decoy = newEmail("decoy");
    for (const fields of [
      [
        ["email", decoy],
        ["email", email],
        ["password", password],
      ],
      [
        ["email", email],
        ["email", decoy],
        ["password", password],
      ],
      [
        ["email", email],
        ["password", "wrong"],
        ["password", password],
      ],
    ] as Array<Array<[string, string]>>) {
      const res = await post("/api/auth/callback/credentials", fields, newAddress());
      expect(res.status, `${JSON.stringify(fields)}: ${res.text}`).toBe(400);
      expect(JSON.parse(res.text).error.message).toContain("more than once");
      expect(setsSession(res)).toBe(false);
    }
    // JSON: a repeated key means its last value, for next-auth and for the throttle alike.
    const { token, cookie } = await csrf(newAddress());
    const json = `{"csrfToken":${JSON.stringify(token)},"json":"true","email":${JSON.stringify(decoy)},"email":${JSON.stringify(email)},"password":${JSON.stringify(password)}}`;
    const res = await raw("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/json", cookie, "x-forwarded-for": newAddress() },
      body: json,
    });
    expect(res.status, res.text).toBe(429);
    expect(setsSession(res)).toBe(false);
  });

  test("malformed sign-in bodies get a 4xx, never a 5xx", async () => {
    const cases: Array<{ body: string | Buffer; type: string; status?: number }> = [
      { body: "{", type: "application/json", status: 400 },
      { body: '{"email":', type: "application/json", status: 400 },
      { body: "[1,2]", type: "application/json", status: 400 },
      { body: "null", type: "application/json", status: 400 },
      { body: '"x"', type: "application/json", status: 400 },
      { body: "email=x", type: "text/plain", status: 415 },
      { body: "<xml/>", type: "application/xml", status: 415 },
      { body: "--b\r\n\r\n", type: "multipart/form-data; boundary=b", status: 415 },
      { body: "email=x", type: "", status: 415 },
      { body: "email=%E0%A4%A&password=%&csrfToken=%zz", type: "application/x-www-form-urlencoded" },
      { body: Buffer.from([0x65, 0x3d, 0xff, 0xfe, 0x00]), type: "application/x-www-form-urlencoded" },
      { body: Buffer.from([0x7b, 0xff, 0xfe, 0x00, 0x7d]), type: "application/json", status: 400 },
      { body: "\uFEFF{}", type: "application/json", status: 400 },
    ];
    for (const path of [
      "/api/auth/callback/credentials",
      "/api/auth/signin/credentials",
      "/api/auth/signout",
      "/api/auth/session",
      "/api/auth/_log",
    ]) {
      for (const c of cases) {
        const headers: Record<string, string> = { "x-forwarded-for": newAddress(), origin: E2E.baseUrl };
        if (c.type) headers["content-type"] = c.type;
        const res = await raw(path, { method: "POST", headers, body: c.body });
        const label = `${path} ${c.type || "(no type)"} ${JSON.stringify(c.body.toString())}: ${res.status} ${res.text.slice(0, 200)}`;
        expect(res.status, label).toBeLessThan(500);
        if (c.status) {
          expect(res.status, label).toBe(c.status);
          expect(JSON.parse(res.text).error.message, label).toMatch(/^body: /);
        }
        expect(setsSession(res), label).toBe(false);
      }
    }
  });

  test("sign-in bodies over 1 MiB are refused with 413, declared or streamed", async () => {
    const big = `email=x&password=${"a".repeat(1024 * 1024)}`;
    for (const chunked of [false, true]) {
      const res = await raw("/api/auth/callback/credentials", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": newAddress() },
        body: big,
        chunked,
      });
      expect(res.status, `chunked ${chunked}: ${res.text.slice(0, 200)}`).toBe(413);
      expect(JSON.parse(res.text).error.code).toBe("payload_too_large");
    }
  });
});
