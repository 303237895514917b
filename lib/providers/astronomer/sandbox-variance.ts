import { hashHex } from "../../sandbox/seed";

/**
 * How the Astronomer sandbox can answer the way real organizations do, beyond the happy
 * shapes of the specs: each case is a variance Roster must read through (liberal reading)
 * or a part it must report. Set for the demo with ROSTER_SANDBOX_ASTRONOMER_VARIANCE (a
 * comma list, or `all`) and for tests with `POST /__sandbox/astronomer/variance
 * {"cases": [...]}` (which also resets the sandbox's state).
 */
export const ASTRO_VARIANCE_CASES = {
  /** v1alpha1: the token may not list one workspace's users (403). */
  "workspace-forbidden": "one workspace's users answer 403",
  /** v1: the token may not list one team's members (403). */
  "team-forbidden": "one team's members answer 403",
  /** v1: a team holds ORGANIZATION_OWNER, so its members are owners through it. */
  "owner-team": "the first team holds the organization owner role",
  "zoneless-times": "some users' createdAt/updatedAt have no zone",
  "null-avatars": "some users' avatarUrl is null",
  "unknown-roles": "some users hold roles v1alpha1's docs lack (Observe, workspace accessor)",
  "missing-fields": "some users lack fullName and status",
  "extra-fields": "every user has fields no spec names",
  "missing-ids": "one user has no id",
  "expired-invites": "some pending invites expired days ago",
  "unstable-order": "listings without `sorts` come in a different order on every request",
  overcount: "user listings' totalCount is two more than there are",
} as const;

export type AstroVarianceCase = keyof typeof ASTRO_VARIANCE_CASES;
export const ASTRO_VARIANCE_NAMES = Object.keys(ASTRO_VARIANCE_CASES) as AstroVarianceCase[];
export type AstroVariance = ReadonlySet<AstroVarianceCase>;

export const NO_VARIANCE: AstroVariance = new Set();

/** `a,b` or `all` → the cases; an unknown name is an error that lists the known ones. */
export function parseVariance(input: string | readonly string[] | undefined): AstroVariance {
  const names = (typeof input === "string" ? input.split(",") : (input ?? [])).map((s) => s.trim()).filter(Boolean);
  if (names.includes("all")) return new Set(ASTRO_VARIANCE_NAMES);
  const unknown = names.filter((n) => !(n in ASTRO_VARIANCE_CASES));
  if (unknown.length)
    throw new Error(`Unknown Astronomer sandbox variance ${unknown.join(", ")}; known: all, ${ASTRO_VARIANCE_NAMES.join(", ")}`);
  return new Set(names as AstroVarianceCase[]);
}

/** A stable share of users (by id) a case applies to: `1 in every`. */
export function picked(id: string, salt: string, every: number): boolean {
  return parseInt(hashHex(`${salt}:${id}`, 6), 16) % every === 0;
}

const ZONE = /(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** A user body as a real organization may send it (both versions; `v1` names the org role field differently). */
export function varyUser(body: Record<string, unknown>, variance: AstroVariance): Record<string, unknown> {
  if (variance.size === 0) return body;
  const id = String(body.id);
  const out: Record<string, unknown> = { ...body };
  if (variance.has("zoneless-times") && picked(id, "zone", 5)) {
    for (const key of ["createdAt", "updatedAt"]) if (typeof out[key] === "string") out[key] = (out[key] as string).replace(ZONE, "");
  }
  if (variance.has("null-avatars") && picked(id, "avatar", 4)) out.avatarUrl = null;
  if (variance.has("missing-fields") && picked(id, "fields", 9)) {
    delete out.fullName;
    delete out.status;
  }
  if (variance.has("extra-fields")) out.lastSeenRegion = "eu-west-1";
  return out;
}

/** A user body with the state's variance applied (`missing-ids` takes one user's id away). */
export function variedUser(state: { variance: AstroVariance; noIdUserId: string | null }, body: { id: string }): Record<string, unknown> {
  const out = varyUser(body as unknown as Record<string, unknown>, state.variance);
  if (state.noIdUserId !== null && body.id === state.noIdUserId) delete out.id;
  return out;
}
