import fc from "fast-check";
import { AUDIT_ACTIONS, AUDIT_OUTCOMES } from "../../lib/audit/types";
import { ROSTER_ROLES } from "../../lib/auth/roles";
import { SORT_FIELDS } from "../../lib/directory/types";
import { INVITE_REQUEST_STATUSES } from "../../lib/invites/types";
import { INPUT_LIMITS } from "../../lib/limits";
import { PROVIDER_IDS } from "../../lib/providers/types";

/**
 * Inputs for e2e/api/fuzz.spec.ts: what every route takes (one table), and fast-check
 * arbitraries that produce only inputs that are invalid by construction, each with the
 * names of the fields it broke so the test can check the answer names one of them.
 */

export type Field =
  /** `pathSafe`: an id Roster puts into a provider's URL path. */
  | { kind: "string"; max: number; required?: boolean; min1?: boolean; pathSafe?: boolean }
  | { kind: "enum"; values: readonly string[]; required?: boolean }
  | { kind: "email"; required?: boolean }
  | { kind: "bool" }
  | { kind: "int"; min: number; max: number }
  | { kind: "date" }
  /** A body date-time with a zone that must lie ahead (at most a year). */
  | { kind: "future-datetime"; required: true }
  | { kind: "csv-enum"; values: readonly string[] }
  | { kind: "csv-string"; max: number }
  | { kind: "emails"; required: true }
  | { kind: "provider-roles"; required: true }
  | { kind: "provider-list" };

export type Param = "provider" | "uuid" | "id" | "email";

export interface RouteInput {
  params?: Record<string, Param>;
  query?: Record<string, Field>;
  /** `none`: the route takes no body. Undefined for reads. */
  body?: Record<string, Field> | "none";
  /** Fields of which at least one must be given (a refinement on the body). */
  oneOf?: string[];
}

const providers = PROVIDER_IDS;
const str = (max: number, required = false): Field => ({ kind: "string", max, required, min1: required });
const id: Field = { kind: "string", max: 200, min1: true };
const workspaceId: Field = { ...id, pathSafe: true };
const auditQuery: Record<string, Field> = {
  actor: { kind: "string", max: 320 },
  provider: { kind: "enum", values: providers },
  action: { kind: "enum", values: AUDIT_ACTIONS },
  outcome: { kind: "enum", values: AUDIT_OUTCOMES },
  from: { kind: "date" },
  to: { kind: "date" },
};

/** Every route and method under app/api, keyed `METHOD /api/path/[param]`. */
export const ROUTES: Record<string, RouteInput> = {
  "GET /api/users": {
    query: {
      q: { kind: "string", max: 200 },
      provider: { kind: "csv-enum", values: providers },
      role: { kind: "csv-string", max: 100 },
      status: { kind: "csv-enum", values: ["active", "invited"] },
      kind: { kind: "csv-enum", values: ["person", "service_account"] },
      workspace: { kind: "csv-string", max: 400 },
      via: { kind: "csv-enum", values: ["group", "team"] },
      sort: { kind: "enum", values: SORT_FIELDS },
      order: { kind: "enum", values: ["asc", "desc"] },
      page: { kind: "int", min: 1, max: 100_000 },
      pageSize: { kind: "int", min: 1, max: 200 },
    },
  },
  "GET /api/audit": { query: { ...auditQuery, page: { kind: "int", min: 1, max: Infinity }, pageSize: { kind: "int", min: 1, max: 500 } } },
  "GET /api/audit/export": { query: auditQuery },
  "GET /api/connections": {},
  "GET /api/roles": {},
  "GET /api/invites": {},
  "GET /api/operators": {},
  "GET /api/service-accounts": {},
  "POST /api/sync": { body: { provider: { kind: "enum", values: providers } } },
  "GET /api/invite-requests": {
    query: {
      status: { kind: "csv-enum", values: INVITE_REQUEST_STATUSES },
      mine: { kind: "enum", values: ["true", "false"] },
      page: { kind: "int", min: 1, max: Infinity },
      pageSize: { kind: "int", min: 1, max: 200 },
    },
  },
  "POST /api/invite-requests": {
    body: {
      emails: { kind: "emails", required: true },
      providers: { kind: "provider-roles", required: true },
      reason: str(INPUT_LIMITS.reason, true),
      direct: { kind: "bool" },
    },
  },
  "GET /api/invite-requests/[id]": { params: { id: "uuid" } },
  "POST /api/invite-requests/[id]/approve": { params: { id: "uuid" }, body: { reason: str(INPUT_LIMITS.reason) } },
  "POST /api/invite-requests/[id]/reject": { params: { id: "uuid" }, body: { reason: str(INPUT_LIMITS.reason, true) } },
  "POST /api/invite-requests/[id]/cancel": { params: { id: "uuid" }, body: "none" },
  "POST /api/invite-requests/[id]/retry": { params: { id: "uuid" }, body: "none" },
  "DELETE /api/invites/[provider]/[inviteId]": { params: { provider: "provider", inviteId: "id" }, body: "none" },
  "PATCH /api/members/[provider]/[memberId]": {
    params: { provider: "provider", memberId: "id" },
    body: {
      role: { ...id, required: true },
      workspaceId,
      add: { kind: "bool" },
      confirmSelf: { kind: "bool" },
      reason: str(INPUT_LIMITS.reason),
    },
  },
  "DELETE /api/members/[provider]/[memberId]": {
    params: { provider: "provider", memberId: "id" },
    query: { workspaceId, confirmSelf: { kind: "enum", values: ["true", "false"] } },
    body: "none",
  },
  "POST /api/operators": {
    body: {
      email: { kind: "email", required: true },
      name: str(INPUT_LIMITS.name, true),
      role: { kind: "enum", values: ROSTER_ROLES, required: true },
      password: { kind: "string", max: 1024, required: true },
    },
  },
  "PATCH /api/operators/[id]": {
    params: { id: "uuid" },
    body: { role: { kind: "enum", values: ROSTER_ROLES }, disabled: { kind: "bool" } },
    oneOf: ["role", "disabled"],
  },
  "GET /api/people/[email]": { params: { email: "email" } },
  "POST /api/people/[email]/offboard": {
    params: { email: "email" },
    body: { providers: { kind: "provider-list" }, confirmSelf: { kind: "bool" } },
  },
  "POST /api/service-accounts": { body: { name: str(INPUT_LIMITS.name, true), role: str(200, true), reason: str(INPUT_LIMITS.reason) } },
  "PATCH /api/service-accounts/[id]": { params: { id: "uuid" }, body: { name: str(INPUT_LIMITS.name, true) } },
  "POST /api/service-accounts/[id]/credentials": { params: { id: "uuid" }, body: "none" },
  "POST /api/account/password": {
    body: {
      currentPassword: { kind: "string", max: 1024, required: true, min1: true },
      newPassword: { kind: "string", max: 1024, required: true },
    },
  },
  "POST /api/arthur/accept-invites": { body: "none" },
  "GET /api/me/notifications": {},
  // Per event, email on or off (a record of booleans): the fuzz sends the body's other shapes.
  "PATCH /api/me/notifications": { body: {} },
  "POST /api/arthur/users": {
    body: {
      firstName: str(200, true),
      lastName: { kind: "string", max: 200 },
      email: { kind: "email", required: true },
      // Optional: a request for approval takes none (the approval makes one).
      password: { kind: "string", max: 256 },
      reason: str(INPUT_LIMITS.reason),
    },
  },
  "GET /api/tokens": {},
  "POST /api/tokens": {
    body: {
      name: str(64, true),
      role: { kind: "enum", values: ROSTER_ROLES, required: true },
      providers: { kind: "provider-list" },
      expiresAt: { kind: "future-datetime", required: true },
    },
  },
  "DELETE /api/tokens/[id]": { params: { id: "uuid" }, body: "none" },
  "GET /api/groups": { query: { provider: { kind: "enum", values: providers, required: true } } },
  "POST /api/members/[provider]/[memberId]/groups": {
    params: { provider: "provider", memberId: "id" },
    body: { groupId: { ...id, required: true }, reason: str(INPUT_LIMITS.reason) },
  },
  "DELETE /api/members/[provider]/[memberId]/groups/[groupId]": {
    params: { provider: "provider", memberId: "id", groupId: "id" },
    body: "none",
  },
  // A bulk's items are a list of changes (each checked by its own schema): the fuzz sends the body's other shapes.
  "POST /api/bulk": { body: {} },
  "GET /api/bulk/[id]": { params: { id: "uuid" } },
  "POST /api/bulk/[id]/retry": { params: { id: "uuid" }, body: "none" },
  "GET /api/jobs": {},
  "GET /api/outside-changes": {
    query: {
      provider: { kind: "enum", values: providers },
      since: { kind: "date" },
      page: { kind: "int", min: 1, max: Infinity },
      pageSize: { kind: "int", min: 1, max: 200 },
    },
  },
  "GET /api/people/[email]/timeline": { params: { email: "email" } },
  "GET /api/reviews": {},
  "POST /api/reviews": {
    body: {
      name: str(INPUT_LIMITS.name, true),
      dueAt: { kind: "future-datetime", required: true },
      repeatEveryDays: { kind: "int", min: 1, max: 366 },
    },
  },
  "GET /api/reviews/[id]": { params: { id: "uuid" } },
  "GET /api/reviews/[id]/items": {
    params: { id: "uuid" },
    query: {
      after: { kind: "int", min: 1, max: Infinity },
      limit: { kind: "int", min: 1, max: 500 },
      reviewer: { kind: "string", max: INPUT_LIMITS.email },
      provider: { kind: "enum", values: providers },
      state: { kind: "enum", values: ["open", "decided", "keep", "remove", "change_role"] },
      outcome: { kind: "enum", values: ["done", "skipped", "failed", "waiting"] },
      q: { kind: "string", max: 200 },
      adminOnly: { kind: "enum", values: ["true", "false"] },
    },
  },
  "POST /api/reviews/[id]/decisions": { params: { id: "uuid" }, body: {} },
  "POST /api/reviews/[id]/close": { params: { id: "uuid" }, body: "none" },
  "POST /api/reviews/[id]/retry": { params: { id: "uuid" }, body: "none" },
  "GET /api/reviews/[id]/report": { params: { id: "uuid" } },
  "GET /api/reviews/[id]/report/export": { params: { id: "uuid" } },
  "PATCH /api/arthur/users/[id]": {
    params: { id: "uuid" },
    body: { firstName: { kind: "string", max: 200, min1: true }, lastName: { kind: "string", max: 200 } },
    oneOf: ["firstName", "lastName"],
  },
};
// The people export takes the users list's query.
ROUTES["GET /api/users/export"] = ROUTES["GET /api/users"];

/** Not Roster's route wrapper: next-auth's own handler (sign-in is tested elsewhere). */

/** Valid-looking path params that name nothing, so even a slip could change nothing real. */
export const SAMPLE_PARAMS: Record<Param, string> = {
  provider: "openai",
  uuid: "00000000-0000-4000-8000-00000000f022",
  id: "fuzz-nobody-0",
  email: "nobody-fuzz%40example.com",
};

const base = (field: Field): unknown => {
  switch (field.kind) {
    case "enum":
      return field.values[0];
    case "email":
      return "nobody-fuzz@example.com";
    case "bool":
      return false;
    case "emails":
      return ["nobody-fuzz@example.com"];
    case "provider-roles":
      return [{ provider: "openai", role: "reader" }];
    case "provider-list":
      return ["openai"];
    case "future-datetime":
      return new Date(Date.now() + 86_400_000).toISOString();
    default:
      return field.kind === "string" ? "fuzz-value-0123456789" : undefined;
  }
};

/** A body that would be valid: every required field (and the first oneOf field) filled in. */
export function validBody(body: Record<string, Field>, oneOf?: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(body)) {
    if (("required" in field && field.required) || oneOf?.[0] === name) out[name] = base(field);
  }
  return out;
}

// ---- payloads ----

const PAYLOADS = [
  "' OR '1'='1",
  "1; DROP TABLE audit_events; --",
  '" OR 1=1 --',
  "'); DELETE FROM operators; --",
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(document.cookie)>",
  "javascript:alert(1)",
  "${7*7}{{7*7}}",
  "../../../../etc/passwd",
  "\u202Eexe.txt\u202C",
  "مرحبا بالعالم",
  "שלום עולם",
  "😀🔥👩‍💻🏳️‍🌈",
  "\u0000",
  "a\u0000b",
  "\uD800",
  "x\uDFFFy",
  "\uFEFF\u200B",
  "%00%2e%2e%2f",
  "%s%n%x",
  "__proto__",
  "constructor",
  '{"$gt":""}',
  "\r\nSet-Cookie: x=1",
  "null",
  "NaN",
  "-1",
];

/** Strings from the payload list, random unicode (lone surrogates included), or both. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...PAYLOADS),
  fc.string({ unit: "binary", minLength: 1, maxLength: 24 }),
  fc.tuple(fc.constantFrom(...PAYLOADS), fc.string({ unit: "binary", maxLength: 8 })).map(([a, b]) => a + b),
);

/** At least 100 kB: repeated payload or unicode. */
export const hugeString: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom("a", "é", "😀", "<script>", "' OR 1=1 -- ", "\u202E"), fc.integer({ min: 100_000, max: 140_000 }))
  .map(([unit, bytes]) => unit.repeat(Math.ceil(bytes / Buffer.byteLength(unit))));

/**
 * Long enough to break any length limit (a few kB), short enough that the URL still fits
 * the server's 16 kB header limit and reaches Roster; 100 kB belongs in bodies.
 */
export const longString: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom("a", "é", "😀", "<script>", "' OR 1=1 -- ", "\u202E"), fc.integer({ min: 4_000, max: 10_000 }))
  .map(([unit, encoded]) => unit.repeat(Math.ceil(encoded / encodeURIComponent(unit).length)));

const deep = (depth: number, leaf: unknown): unknown => {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
};

/** JSON values that are not strings. */
const notString = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }),
  fc.constant(JSON.parse('{"__proto__":{"role":"owner"}}') as unknown),
  fc.constant({ constructor: { prototype: { role: "owner" } } }),
  fc.integer({ min: 50, max: 2000 }).map((d) => deep(d, "x")),
);
const notBool = fc.oneof(fc.constantFrom("true", "false", 0, 1, "", null, [], {}), nastyString);
const notArray = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant({}),
  fc.constant(null),
  fc.integer({ min: 50, max: 2000 }).map((d) => deep(d, 1)),
);
const noAt = nastyString.filter((s) => !s.includes("@"));
/** Ids that would change which provider URL a call reaches. */
const pathUnsafe = fc.constantFrom(".", "..", " .. ", "../users/x", "a/b", "..\\x", "\u0000", "x\u0001y", "\u007f");
const notIn = (values: readonly string[]) => nastyString.filter((s) => !values.includes(s));

/** A JSON value the field refuses. */
export function invalidBodyValue(field: Field): fc.Arbitrary<unknown> {
  switch (field.kind) {
    case "string":
      return fc.oneof(
        notString,
        hugeString,
        ...(field.min1 ? [fc.constantFrom("", "   ", "\t\n")] : []),
        ...(field.pathSafe ? [pathUnsafe] : []),
      );
    case "enum":
      return fc.oneof(notString, notIn(field.values), hugeString);
    case "email":
      return fc.oneof(notString, noAt, hugeString);
    case "bool":
      return notBool;
    case "int":
      return fc.oneof(
        fc.constantFrom("1", "", true, [], {}, 1.5),
        nastyString,
        ...(Number.isFinite(field.min) ? [fc.integer({ min: -1_000_000, max: field.min - 1 })] : []),
        ...(Number.isFinite(field.max) ? [fc.integer({ min: field.max + 1, max: field.max + 1_000_000 })] : []),
      );
    case "emails":
      return fc.oneof(
        fc.integer(),
        fc.constant({}),
        fc.constant([]),
        fc.constant("   "),
        noAt,
        fc.array(noAt, { minLength: 1, maxLength: 3 }),
        fc.constant(Array.from({ length: 101 }, (_, i) => `fuzz-${i}@example.com`)),
      );
    case "provider-roles":
      return fc.oneof(
        notArray,
        fc.constant([]),
        notIn(providers).map((provider) => [{ provider, role: "reader" }]),
        fc.constant([{ provider: "openai" }]),
        fc.constant([{ provider: "openai", role: "reader", __proto__: 1, extra: true }]),
        fc.constant([
          { provider: "openai", role: "reader" },
          { provider: "openai", role: "owner" },
        ]),
        hugeString.map((role) => [{ provider: "openai", role }]),
        fc.constant(JSON.parse('[{"provider":"openai","role":"reader","__proto__":{"x":1}}]') as unknown),
      );
    case "provider-list":
      return fc.oneof(
        notArray,
        fc.constant([]),
        notIn(providers).map((p) => [p]),
        hugeString.map((p) => [p]),
      );
    case "future-datetime":
      return fc.oneof(
        notString,
        nastyString.filter((v) => Number.isNaN(Date.parse(v))),
        hugeString,
        // In the past, too far ahead, or without a zone.
        fc.constantFrom("2001-01-01T00:00:00Z", "2999-01-01T00:00:00Z", "2027-01-01T00:00:00", "2027-01-01"),
      );
    default:
      throw new Error(`${field.kind} is a query field`);
  }
}

/** As the server will read it: a lone surrogate cannot be URL-encoded, so it arrives as U+FFFD. */
export const query = (arb: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  arb.map((s) => s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD"));

/** A query value (string, or repeated key) the field refuses; undefined when none can be built. */
export function invalidQueryValue(field: Field): fc.Arbitrary<string | string[]> {
  const repeated: fc.Arbitrary<string[]> = fc.constant(["1", "2"]);
  switch (field.kind) {
    case "string":
      return fc.oneof(longString, repeated, ...(field.kind === "string" && field.pathSafe ? [pathUnsafe] : []));
    case "enum":
      return fc.oneof(query(notIn(field.values)), repeated);
    case "int": {
      // Exactly what z.coerce.number().int().min().max() refuses.
      const refused = (s: string) => {
        const n = Number(s);
        return !(Number.isInteger(n) && n >= field.min && n <= field.max);
      };
      return fc.oneof(
        fc.constantFrom("abc", "1.5", "-1", "0", "", "1e999", "0x", "NaN", " ", "Infinity", String(field.max + 1)).filter(refused),
        query(nastyString).filter(refused),
        repeated,
      );
    }
    case "date":
      return fc.oneof(
        query(nastyString).filter((s) => Number.isNaN(Date.parse(s))),
        repeated,
      );
    case "csv-enum":
      return query(notIn(field.values)).filter((s) => s.split(",").some((part) => part.trim() && !field.values.includes(part.trim())));
    case "csv-string":
      return longString.map((s) => s.replace(/,/g, ""));
    default:
      throw new Error(`${field.kind} is a body field`);
  }
}

/** A path segment (already URL-encoded) the param refuses. */
export function invalidParam(kind: Param): fc.Arbitrary<string> {
  const always = fc.oneof(
    fc.constantFrom("%00", "a%00b", "%01", "%1F", "%7F", "%20%20", "..%2F", "..%2F..%2Fsync", "%2E%2E%2F", "..%5C"),
    fc.constant("a".repeat(10_240)),
  );
  const encoded = query(nastyString).map((s) => encodeURIComponent(s));
  switch (kind) {
    case "provider":
      return fc.oneof(
        always,
        encoded.filter((s) => !(providers as readonly string[]).includes(decodeURIComponent(s))),
      );
    case "uuid":
      return fc.oneof(
        always,
        encoded.filter((s) => s !== "" && !/^[0-9a-f-]{36}$/i.test(decodeURIComponent(s))),
      );
    case "email":
      return fc.oneof(
        always,
        encoded.filter((s) => s !== "" && !decodeURIComponent(s).includes("@")),
      );
    case "id":
      return always;
  }
}
