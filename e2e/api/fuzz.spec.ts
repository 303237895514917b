import type { APIRequestContext } from "@playwright/test";
import fc from "fast-check";
import { SANDBOX_TOKEN_PATH } from "../../lib/providers/arthur/sandbox-auth-routes";
import type { ProviderId } from "../../lib/providers/types";
import { E2E } from "../env";
import { routesInTree } from "./api-routes";
import { raw, setsSession } from "./raw-http";
import { expect, test } from "../fixtures";
import {
  type Field,
  hugeString,
  invalidBodyValue,
  invalidParam,
  invalidQueryValue,
  nastyString,
  query,
  ROUTES,
  type RouteInput,
  SAMPLE_PARAMS,
  validBody,
} from "./fuzz-inputs";

/**
 * Property-based fuzzing of every route under app/api, signed in as the owner so that
 * validation, not the role check, answers. Every generated request is invalid by
 * construction; each must get a 4xx JSON error envelope that names the offending field,
 * never a 5xx, and after the whole run nothing has changed: the same audit, invite
 * request, operator and service-account counts, and no write reached a provider sandbox.
 * ROSTER_FUZZ_SEED and ROSTER_FUZZ_RUNS replay or widen a run.
 */

const SEED = Number(process.env.ROSTER_FUZZ_SEED ?? 20261122);
const RUNS = Number(process.env.ROSTER_FUZZ_RUNS ?? 25);
const PROVIDERS = Object.keys(E2E.sandbox) as ProviderId[];

type Defect =
  | { where: "param" | "query" | "field" | "extra"; name: string; value: unknown }
  | { where: "missing"; name: string }
  | { where: "oneof"; names: string[] }
  | { where: "raw" | "nobody"; text: string | Buffer }
  | { where: "ctype"; type: string };

interface Case {
  defects: Defect[];
  noise: Array<[string, string]>;
}

const names = (d: Defect): string[] => {
  switch (d.where) {
    case "oneof":
      return d.names;
    case "raw":
    case "nobody":
      return ["body"];
    case "ctype":
      return ["content-type", "body"];
    default:
      return [d.name];
  }
};

const EXTRA_KEYS = ["__proto__", "constructor", "prototype", "isAdmin", "role ", "Role", "$where", "<script>", "toString", "operator"];
const deepArray = (depth: number) => "[".repeat(depth) + "]".repeat(depth);
const notJson = (s: string) => {
  try {
    JSON.parse(s);
    return false;
  } catch {
    return s.trim() !== "";
  }
};
const notObjectJson = fc.oneof(
  fc.constantFrom("[]", '"x"', "42", "null", "true", "[{}]"),
  fc.integer({ min: 100, max: 3000 }).map(deepArray),
);
const nonJsonText: fc.Arbitrary<string | Buffer> = fc.oneof(
  fc.constantFrom("{", "{'role':'owner'}", "role=owner&name=x", "<xml/>", "\u0000", "NaN", "undefined", "[1,2", '{"a":1}}', "\uFEFF{}"),
  nastyString.filter(notJson),
  hugeString.filter(notJson),
  fc.constant(Buffer.from([0x7b, 0xff, 0xfe, 0x00, 0x7d])),
);
const WRONG_TYPES = [
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=fuzz",
  "application/xml",
  "text/html",
  "application/jsonp",
];

function defectArbs(input: RouteInput): { all: fc.Arbitrary<Defect>[]; url: fc.Arbitrary<Defect>[] } {
  const url: fc.Arbitrary<Defect>[] = [];
  for (const [name, kind] of Object.entries(input.params ?? {}))
    url.push(invalidParam(kind).map((value) => ({ where: "param", name, value })));
  for (const [name, field] of Object.entries(input.query ?? {}))
    url.push(invalidQueryValue(field).map((value) => ({ where: "query", name, value })));
  const all = [...url];
  if (input.body === "none") {
    all.push(
      fc
        .oneof(
          notObjectJson,
          nonJsonText,
          fc.constantFrom('{"x":1}', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"admin":true}}}'),
        )
        .map((text) => ({ where: "nobody", text })),
    );
  } else if (input.body) {
    const fields: Array<[string, Field]> = Object.entries(input.body);
    for (const [name, field] of fields) {
      all.push(invalidBodyValue(field).map((value) => ({ where: "field", name, value })));
      if ("required" in field && field.required) all.push(fc.constant({ where: "missing", name }));
    }
    const extraKey = fc.constantFrom(...EXTRA_KEYS.filter((k) => !(k in (input.body as object))));
    all.push(
      fc
        .tuple(extraKey, fc.oneof(nastyString, fc.constant({ role: "owner" }), fc.integer()))
        .map(([name, value]) => ({ where: "extra", name, value })),
    );
    if (input.oneOf) all.push(fc.constant({ where: "oneof", names: input.oneOf }));
    all.push(fc.oneof(notObjectJson, nonJsonText).map((text) => ({ where: "raw", text })));
    all.push(fc.constantFrom(...WRONG_TYPES).map((type) => ({ where: "ctype", type })));
  }
  return { all, url };
}

const noiseKey = (input: RouteInput) =>
  fc.constantFrom("utm", "__proto__", "constructor", "x[y]", "", "😀").filter((k) => !(k in (input.query ?? {})));

function caseArb(input: RouteInput): fc.Arbitrary<Case> {
  const { all, url } = defectArbs(input);
  const noise = fc.array(fc.tuple(noiseKey(input), query(nastyString)), { maxLength: 2 });
  if (!all.length) return noise.map((n) => ({ defects: [], noise: n }));
  const second = url.length ? fc.option(fc.oneof(...url), { freq: 3 }) : fc.constant(null);
  return fc.record({ first: fc.oneof(...all), second, noise }).map(({ first, second, noise }) => ({
    defects: second ? [first, second] : [first],
    noise,
  }));
}

function buildRequest(key: string, input: RouteInput, c: Case) {
  const [method, pattern] = key.split(" ");
  const params = Object.fromEntries(Object.entries(input.params ?? {}).map(([name, kind]) => [name, SAMPLE_PARAMS[kind]]));
  const pairs: Array<[string, string]> = [];
  let entries: Array<[string, unknown]> | null =
    input.body && input.body !== "none" ? Object.entries(validBody(input.body, input.oneOf)) : null;
  let raw: string | Buffer | undefined;
  let contentType = "application/json";
  for (const d of c.defects) {
    if (d.where === "param") params[d.name] = d.value as string;
    else if (d.where === "query") for (const v of [d.value as string | string[]].flat()) pairs.push([d.name, v]);
    else if (d.where === "field") entries = [...(entries ?? []).filter(([k]) => k !== d.name), [d.name, d.value]];
    else if (d.where === "missing") entries = (entries ?? []).filter(([k]) => k !== d.name);
    else if (d.where === "oneof") entries = (entries ?? []).filter(([k]) => !d.names.includes(k));
    else if (d.where === "extra") entries = [...(entries ?? []), [d.name, d.value]];
    else if (d.where === "ctype") contentType = d.type;
    else if (d.where === "raw" || d.where === "nobody") raw = d.text;
  }
  pairs.push(...c.noise);
  const pathname = pattern.replace(/\[(\w+)\]/g, (_, name: string) => params[name]);
  const search = pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");
  const data = raw ?? (entries ? `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(",")}}` : undefined);
  return { method, url: search ? `${pathname}?${search}` : pathname, data, contentType };
}

const preview = (value: unknown) => {
  const text = Buffer.isBuffer(value) ? `<bytes ${value.toString("hex")}>` : String(value);
  return text.length > 300 ? `${text.slice(0, 300)}… (${text.length} chars)` : text;
};

async function check(api: APIRequestContext, key: string, input: RouteInput, c: Case): Promise<void> {
  const req = buildRequest(key, input, c);
  const res = await api.fetch(req.url, {
    method: req.method,
    data: req.data,
    headers: req.data === undefined ? {} : { "content-type": req.contentType },
    maxRedirects: 0,
  });
  const status = res.status();
  const text = await res.text();
  const label = `${req.method} ${preview(req.url)} body=${preview(req.data)} -> ${status} ${preview(text)}`;
  if (status === 431 || status === 414) {
    // Node's HTTP parser refuses a request line over its 16 kB header limit before Roster sees it.
    expect(req.url.length, `only an oversized URL is refused before Roster: ${label}`).toBeGreaterThan(8_000);
    return;
  }
  if (!c.defects.length) {
    // A read with nothing but unknown query parameters: ignored or refused, never a failure.
    expect(status, label).toBeLessThan(500);
    if (status < 300) return;
  }
  expect(status >= 400 && status < 500, `a 4xx: ${label}`).toBe(true);
  expect(res.headers()["content-type"] ?? "", label).toContain("application/json");
  const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown; details?: unknown } };
  expect(typeof body.error?.code, `error.code: ${label}`).toBe("string");
  expect(typeof body.error?.message === "string" && body.error.message.length > 0, `error.message: ${label}`).toBe(true);
  const expected = c.defects.flatMap(names);
  if (expected.length) {
    const said = `${body.error!.message as string} ${JSON.stringify(body.error!.details ?? "")}`.toLowerCase();
    expect(
      expected.some((n) => said.includes(n.toLowerCase())),
      `names one of ${expected.join(", ")}: ${label}`,
    ).toBe(true);
  }
}

async function counts(api: APIRequestContext) {
  const json = async (url: string) => {
    const res = await api.get(url);
    expect(res.status(), url).toBe(200);
    return res.json();
  };
  const operators = (await json("/api/operators")).operators as Array<{ email: string; role: string; disabled: boolean }>;
  const accounts = (await json("/api/service-accounts")).accounts as Array<{ id: string; name: string }>;
  return {
    // Refused requests (403/422) are audit rows by design; every other kind must not grow.
    auditEvents:
      ((await json("/api/audit?pageSize=1")).total as number) -
      ((await json("/api/audit?pageSize=1&action=refused_request")).total as number),
    inviteRequests: (await json("/api/invite-requests?pageSize=1")).total as number,
    operators: operators.map((o) => `${o.email} ${o.role} ${o.disabled}`).sort(),
    serviceAccounts: accounts.map((a) => `${a.id} ${a.name}`).sort(),
  };
}

/**
 * Requests that would change something, as each sandbox recorded them. Arthur's token
 * request is a POST but a sign-in, not a change: a run longer than the token's lifetime
 * (5 minutes, on a busy machine) signs in again.
 */
async function sandboxWrites(): Promise<string[]> {
  const writes: string[] = [];
  for (const provider of PROVIDERS) {
    const res = await fetch(`${E2E.sandbox[provider]}/__sandbox/requests`);
    const { requests } = (await res.json()) as { requests: Array<{ method: string; path: string }> };
    for (const r of requests) if (r.method !== "GET" && r.path !== SANDBOX_TOKEN_PATH) writes.push(`${provider} ${r.method} ${r.path}`);
  }
  return writes;
}

test.describe("fuzzing every route", () => {
  test("the fuzz table covers every route handler under app/api", () => {
    // routesInTree leaves out next-auth's own endpoints (sign-in is public by design).
    const discovered = routesInTree();
    expect(discovered.length).toBeGreaterThan(20);
    expect(Object.keys(ROUTES).sort(), "add new routes to ROUTES in e2e/api/fuzz-inputs.ts").toEqual(discovered);
  });

  test(`invalid input gets a 4xx naming the field, and changes nothing (seed ${SEED}, ${RUNS} runs per route)`, async ({ as }) => {
    test.setTimeout(300_000);
    const owner = await as("owner");
    await Promise.all(PROVIDERS.map((p) => fetch(`${E2E.sandbox[p]}/__sandbox/requests`, { method: "DELETE" })));
    const before = await counts(owner);
    const failures: string[] = [];
    for (const [key, input] of Object.entries(ROUTES)) {
      const arb = caseArb(input);
      await test.step(key, async () => {
        const details = await fc.check(
          fc.asyncProperty(arb, (c) => check(owner, key, input, c)),
          { numRuns: RUNS, seed: SEED, endOnFailure: true },
        );
        if (details.failed) {
          const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
          failures.push(`${key} (seed ${details.seed}, path "${details.counterexamplePath}"):\n${error.slice(0, 1500)}`);
        }
      });
    }
    const after = await counts(owner);
    expect.soft(failures, `replay with ROSTER_FUZZ_SEED=${SEED}\n${failures.join("\n\n")}`).toEqual([]);
    expect.soft(after, "the database is unchanged").toEqual(before);
    expect(await sandboxWrites(), "no write reached a provider").toEqual([]);
  });
});

/**
 * next-auth's own endpoints are public, so anyone can send them anything: every generated
 * request (a sign-in path, canonical or not, any content type, a broken, repeated or
 * oversized body) gets an answer under 500 and never a session; a body that is not a form
 * or a JSON object is refused (415, 400), one over 1 MiB with 413.
 */
const AUTH_PATHS = [
  "/api/auth/callback/credentials",
  "/api/auth/signin/credentials",
  "/api/auth/signout",
  "/api/auth/session",
  "/api/auth/csrf",
  "/api/auth/_log",
  "/api/auth/callback/%63redentials",
  "/api/auth/callback/credentials/x",
  "/api/auth/nope",
];
const FORM = "application/x-www-form-urlencoded";
const jsonObject = (text: string) => {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
};
const authCase = fc.record({
  path: fc.constantFrom(...AUTH_PATHS),
  method: fc.constantFrom("POST", "POST", "POST", "GET"),
  type: fc.constantFrom("application/json", FORM, "", ...WRONG_TYPES),
  body: fc.oneof(
    notObjectJson,
    nonJsonText,
    fc.tuple(nastyString, nastyString).map(([a, b]) => `email=${encodeURIComponent(a)}&email=${encodeURIComponent(b)}&password=x`),
    fc.constantFrom("email=%E0%A4%A&password=%", "%", "=&=&", "csrfToken=&csrfToken="),
    fc.constant(`password=${"a".repeat(1024 * 1024)}`),
  ),
});

test(`next-auth's endpoints: malformed requests get a 4xx (never a 5xx, never a session) (seed ${SEED})`, async () => {
  test.setTimeout(300_000);
  let n = 0;
  const details = await fc.check(
    fc.asyncProperty(authCase, async (c) => {
      const headers: Record<string, string> = { "x-forwarded-for": `198.18.${++n % 250}.${(n >> 8) % 250}`, origin: E2E.baseUrl };
      if (c.type) headers["content-type"] = c.type;
      const body = c.method === "POST" ? c.body : undefined;
      const res = await raw(c.path, { method: c.method, headers, body });
      const label = `${c.method} ${c.path} ${c.type || "(no type)"} ${String(body ?? "").slice(0, 120)} -> ${res.status} ${res.text.slice(0, 200)}`;
      expect(res.status, label).toBeLessThan(500);
      expect(setsSession(res), label).toBe(false);
      if (/%|\/x$/.test(c.path)) return void expect(res.status, `a non-canonical path is not found: ${label}`).toBe(404);
      if (body === undefined) return;
      const text = body.toString();
      if (Buffer.byteLength(body) > 1024 * 1024) expect(res.status, label).toBe(413);
      else if (!text.trim()) return;
      else if (c.type !== FORM && c.type !== "application/json") expect(res.status, label).toBe(415);
      else if (c.type === "application/json" && !jsonObject(text)) expect(res.status, label).toBe(400);
    }),
    { numRuns: RUNS * 4, seed: SEED, endOnFailure: true },
  );
  expect(details.failed, String(details.errorInstance)).toBe(false);
});
