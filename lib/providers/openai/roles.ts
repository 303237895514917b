import type { Role } from "../types";

/** The two organization roles of the OpenAI Administration API (`User.role`, `InviteRequest.role`). */
export const ROLE = { owner: "owner", reader: "reader" } as const;

export type OpenAIRole = (typeof ROLE)[keyof typeof ROLE];

export const OPENAI_ROLE_NAMES: readonly OpenAIRole[] = [ROLE.owner, ROLE.reader];

export function isOpenAIRole(value: string): value is OpenAIRole {
  return (OPENAI_ROLE_NAMES as readonly string[]).includes(value);
}

/** The last-owner rule: an OpenAI organization must keep at least one `owner`. */
export function isOwnerRole(role: string): boolean {
  return role === ROLE.owner;
}

/** Admin-level (two-person rule): `owner`, the one role that administers the organization. */
export function isAdminLevelRole(role: string): boolean {
  return role === ROLE.owner;
}

/**
 * Static because the two legacy org roles are fixed by the spec. The fine-grained RBAC
 * roles (`GET /organization/roles`, assigned by `role_id`) are not surfaced: Roster
 * manages the `role` string only.
 */
export const ORGANIZATION_ROLES: readonly Role[] = [
  {
    id: ROLE.owner,
    name: ROLE.owner,
    scope: "organization",
    description: "Manages the organization: members, billing, projects and API keys.",
    isOwner: true,
    adminLevel: isAdminLevelRole(ROLE.owner),
  },
  {
    id: ROLE.reader,
    name: ROLE.reader,
    scope: "organization",
    description: "Member of the organization; can use the projects they are added to.",
    isOwner: false,
    adminLevel: isAdminLevelRole(ROLE.reader),
  },
];
