import { everyNth, mapListItems, refusedWith, type VariedAnswer, type VarianceCase, without } from "../../sandbox/variance";

/**
 * Arthur answers as real ones may come, from the spec's nullable and enum fields and its
 * per-operation permissions (../shared/specs/arthur/arthur-ai-platform-openapi.json).
 * Off unless a test or ROSTER_SANDBOX_VARIANCE turns them on (lib/sandbox/variance.ts).
 */

const USERS = "/api/v1/organization/users";
const ROLES = "/api/v1/organization/roles";
const BINDINGS = "/api/v1/organization/role_bindings";

/** A refusal naming the permission the operation needs (its OAuth scope in the spec). */
const forbidden = (permission: string) => refusedWith(403, { detail: `Missing permission: ${permission}` });

/** Extra records appended to a page, the page's totals left as they were. */
function appended(answer: VariedAnswer, extra: (first: Record<string, unknown>) => Array<Record<string, unknown>>): VariedAnswer {
  const body = answer.body as { records?: Array<Record<string, unknown>> } | undefined;
  const first = body?.records?.[0];
  if (!body?.records || !first) return answer;
  return { ...answer, body: { ...body, records: [...body.records, ...extra(first)] } };
}

const GROUP = { id: "0b6f3c2e-9d7a-4c1e-8f25-6a1d2b3c4d5e", name: "Data Science" };

export const ARTHUR_VARIANCES: VarianceCase[] = [
  {
    name: "user-nullable-fields",
    description:
      "Every fifth user with `first_name` null and without `last_name` and `organization_name` (all required; `first_name` is not nullable).",
    route: USERS,
    apply: (answer) =>
      mapListItems(answer, "records", (user, i) =>
        everyNth(5)(i) ? { ...without(user, "last_name", "organization_name"), first_name: null } : user,
      ),
  },
  {
    name: "user-time-no-zone",
    description: "`created_at` without a zone on every third user (the spec says date-time).",
    route: USERS,
    apply: (answer) =>
      mapListItems(answer, "records", (user, i) =>
        everyNth(3)(i) ? { ...user, created_at: String(user.created_at).replace(/(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/, "") } : user,
      ),
  },
  {
    name: "user-type-unknown",
    description: "Every ninth user has a `user_type` outside the spec's enum (`bot`).",
    route: USERS,
    apply: (answer) => mapListItems(answer, "records", (user, i) => (everyNth(9)(i) ? { ...user, user_type: "bot" } : user)),
  },
  {
    name: "user-without-id",
    description: "The first user of every page has no `id`: it cannot be kept.",
    route: USERS,
    apply: (answer) => mapListItems(answer, "records", (user, i) => (i === 0 ? without(user, "id") : user)),
  },
  {
    name: "total-overcount",
    description: "`total_records` counts one user more than the pages hold (a user removed while the list was read).",
    route: USERS,
    apply: (answer) => {
      const body = answer.body as { pagination?: { total_records: number } } | undefined;
      if (!body?.pagination) return answer;
      return { ...answer, body: { ...body, pagination: { ...body.pagination, total_records: body.pagination.total_records + 1 } } };
    },
  },
  {
    name: "group-bindings",
    description: "Organization role bindings granted to a group (`bound_member_kind: group`) among the users' bindings.",
    route: BINDINGS,
    apply: (answer) =>
      appended(answer, (first) => [
        { ...first, id: "7c1d9e2f-3a4b-4c5d-8e6f-0a1b2c3d4e5f", bound_member_kind: "group", bound_member: GROUP },
      ]),
  },
  {
    name: "binding-kind-unknown",
    description: "A role binding whose `bound_member_kind` is outside the spec's enum (`team`).",
    route: BINDINGS,
    apply: (answer) =>
      appended(answer, (first) => [
        {
          ...first,
          id: "5e4d3c2b-1a0f-4e9d-8c7b-6a5f4e3d2c1b",
          bound_member_kind: "team",
          bound_member: { id: GROUP.id, name: "Platform team" },
        },
      ]),
  },
  {
    name: "bindings-forbidden",
    description: "The token lacks `organization_list_role_bindings`: 403 on GET /api/v1/organization/role_bindings.",
    route: BINDINGS,
    apply: forbidden("organization_list_role_bindings"),
  },
  {
    name: "roles-forbidden",
    description: "The token lacks `organization_list_roles`: 403 on GET /api/v1/organization/roles.",
    route: ROLES,
    apply: forbidden("organization_list_roles"),
  },
];
