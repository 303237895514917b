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

/** A project's two roles (`ProjectUser.role`, `ProjectUserCreateRequest.role`: "`owner` or `member`"). */
export const PROJECT_ROLE = { owner: "owner", member: "member" } as const;
export type OpenAIProjectRole = (typeof PROJECT_ROLE)[keyof typeof PROJECT_ROLE];
export const OPENAI_PROJECT_ROLE_NAMES: readonly OpenAIProjectRole[] = [PROJECT_ROLE.owner, PROJECT_ROLE.member];

export function isOpenAIProjectRole(value: string): value is OpenAIProjectRole {
  return (OPENAI_PROJECT_ROLE_NAMES as readonly string[]).includes(value);
}

/**
 * Project roles, in the catalogue with scope `workspace` (Roster's word for a role below the
 * organization). A project `owner` manages the project's members and keys: admin-level (the
 * two-person rule), and the owner a project must keep (`isOwner`: the last-project-owner rule).
 */
export const PROJECT_ROLES: readonly Role[] = [
  {
    id: PROJECT_ROLE.owner,
    name: PROJECT_ROLE.owner,
    scope: "workspace",
    description: "Manages the project: its members, API keys and limits.",
    isOwner: true,
    adminLevel: true,
  },
  {
    id: PROJECT_ROLE.member,
    name: PROJECT_ROLE.member,
    scope: "workspace",
    description: "Uses the project's models and API keys.",
    isOwner: false,
    adminLevel: false,
  },
];
