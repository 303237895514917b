import { everyNth, mapListItems, refusedWith, type VarianceCase, without } from "../../sandbox/variance";
import { openAIErrorBody } from "./sandbox-errors";

/**
 * OpenAI answers as real ones come, from the spec's own examples and texts
 * (../shared/specs/openai/openapi.yaml). Off unless a test or ROSTER_SANDBOX_VARIANCE
 * turns them on (lib/sandbox/variance.ts).
 */

const USERS = "/organization/users";
const INVITES = "/organization/invites";

export const OPENAI_VARIANCES: VarianceCase[] = [
  {
    name: "invite-no-projects",
    description: "Invites without `projects`, as in the spec's list-invites example (the schema requires it).",
    route: INVITES,
    apply: (answer) => mapListItems(answer, "data", (invite) => without(invite, "projects")),
  },
  {
    name: "invite-project-role-unknown",
    description: "A project role outside the spec's enum (`owner`, `member`) on every invite's projects.",
    route: INVITES,
    apply: (answer) =>
      mapListItems(answer, "data", (invite) => ({
        ...invite,
        projects: Array.isArray(invite.projects) ? invite.projects.map((p) => ({ ...(p as object), role: "viewer" })) : invite.projects,
      })),
  },
  {
    name: "user-role-member",
    description:
      "Every tenth user has the role `member`, as the modify-user text says (`owner` or `member`); Roster's catalogue has owner and reader.",
    route: USERS,
    apply: (answer) => mapListItems(answer, "data", (user, i) => (everyNth(10)(i) ? { ...user, role: "member" } : user)),
  },
  {
    name: "user-times-other-precision",
    description:
      "`added_at` in milliseconds on every third user, as ISO text without a zone on every third after that (the spec says unix seconds).",
    route: USERS,
    apply: (answer) =>
      mapListItems(answer, "data", (user, i) => {
        const seconds = user.added_at as number;
        if (i % 3 === 0) return { ...user, added_at: seconds * 1000 };
        if (i % 3 === 1) return { ...user, added_at: new Date(seconds * 1000).toISOString().replace(/\.\d+Z$/, "") };
        return user;
      }),
  },
  {
    name: "user-required-missing",
    description: "Every seventh user without `added_at` and `object`, both required by the spec.",
    route: USERS,
    apply: (answer) => mapListItems(answer, "data", (user, i) => (everyNth(7)(i) ? without(user, "added_at", "object") : user)),
  },
  {
    name: "extra-fields",
    description: "Fields the spec does not list, on every user.",
    route: USERS,
    apply: (answer) =>
      mapListItems(answer, "data", (user) => ({ ...user, is_default: false, technical_level: "expert", mfa: { enabled: true } })),
  },
  {
    name: "user-without-id",
    description: "The first user of every page has no `id`: it cannot be kept.",
    route: USERS,
    apply: (answer) => mapListItems(answer, "data", (user, i) => (i === 0 ? without(user, "id") : user)),
  },
  {
    name: "invites-forbidden",
    description: "The key may not list invites: 403 on GET /organization/invites.",
    route: INVITES,
    apply: refusedWith(
      403,
      openAIErrorBody(403, "You have insufficient permissions for this operation. Missing scopes: api.organization.invites.read."),
    ),
  },
];
