import { type SeedPerson, hashHex, prng, providerPeople, uuidFrom } from "../../sandbox/seed";
import { ARTHUR_ROLE_NAMES } from "./roles";
import type { BoundMemberKind, WireRole, WireRoleBinding, WireUser, WireWorkspace } from "./schemas";

/**
 * The Arthur sandbox's deterministic seed: one organization, its roles (data, with
 * inheritance), three workspaces, people drawn from the shared pool (offset 0.6) and
 * service accounts, each with one organization role binding.
 */

const SEED_TIME = "2023-03-01T09:00:00Z";

export const SANDBOX_ORGANIZATION = { id: uuidFrom("arthur:organization"), name: "Roster Sandbox" } as const;

export const SANDBOX_ROLE_IDS = {
  admin: uuidFrom("arthur:role:organization-admin"),
  member: uuidFrom("arthur:role:organization-member"),
  readOnly: uuidFrom("arthur:role:organization-read-only"),
  workspaceAdmin: uuidFrom("arthur:role:workspace-admin"),
  projectViewer: uuidFrom("arthur:role:project-viewer"),
} as const;

/** The service account the sandbox token signs in as (Roster's own account). */
export const SANDBOX_ME_ID = uuidFrom("arthur:service-account:roster");

type Bindable = Pick<WireRole, "organization_bindable" | "workspace_bindable" | "project_bindable" | "data_plane_bindable">;
const ORG: Bindable = { organization_bindable: true, workspace_bindable: false, project_bindable: false, data_plane_bindable: false };
const WORKSPACE: Bindable = { organization_bindable: false, workspace_bindable: true, project_bindable: true, data_plane_bindable: false };
const PROJECT: Bindable = { organization_bindable: false, workspace_bindable: false, project_bindable: true, data_plane_bindable: false };

function role(
  id: string,
  name: string,
  description: string | null,
  bindable: Bindable,
  permissions: string[],
  base: string[] = [],
): WireRole {
  return { created_at: SEED_TIME, updated_at: SEED_TIME, id, name, description, ...bindable, permissions, base_role_ids: base };
}

const READ = [
  "organization_read",
  "organization_list_workspaces",
  "organization_list_users",
  "workspace_read",
  "project_read",
  "model_read",
];

/** Admin inherits Member's permissions through `base_role_ids`, as Arthur roles can. */
export function sandboxRoles(): WireRole[] {
  const { admin, member, readOnly, workspaceAdmin, projectViewer } = SANDBOX_ROLE_IDS;
  return [
    role(
      admin,
      ARTHUR_ROLE_NAMES.admin,
      "Manages the organization, its members and their roles.",
      ORG,
      [
        "organization_update",
        "organization_delete",
        "organization_create_workspace",
        "organization_create_user",
        "organization_invite_user",
        "organization_create_service_account",
        "delete_user",
        "user_update",
        "user_regenerate_creds",
        "organization_list_role_bindings",
        "organization_create_role_binding",
        "organization_role_binding_delete",
        "organization_create_group",
        "group_create_group_membership",
        "group_delete_group_membership",
        "user_list_role_bindings",
      ],
      [member],
    ),
    role(member, ARTHUR_ROLE_NAMES.member, "Works in the organization's workspaces.", ORG, [
      ...READ,
      "organization_list_roles",
      "organization_list_groups",
      "workspace_list_projects",
    ]),
    role(readOnly, ARTHUR_ROLE_NAMES.readOnly, null, ORG, READ),
    role(workspaceAdmin, "Workspace Admin", "Manages one workspace.", WORKSPACE, [
      "workspace_read",
      "workspace_update",
      "workspace_create_project",
      "workspace_list_role_bindings",
      "workspace_create_role_binding",
      "workspace_role_binding_delete",
    ]),
    role(projectViewer, "Project Viewer", "Reads one project.", PROJECT, ["project_read", "project_list_models", "model_read"]),
  ];
}

export function sandboxWorkspaces(): WireWorkspace[] {
  return ["Fraud Models", "Support Agents", "Forecasting"].map((name) => ({
    created_at: SEED_TIME,
    updated_at: SEED_TIME,
    id: uuidFrom(`arthur:workspace:${name}`),
    name,
    organization_id: SANDBOX_ORGANIZATION.id,
  }));
}

export interface SeedAccount {
  user: WireUser;
  roleId: string;
}

type AccountFields = Pick<WireUser, "id" | "created_at" | "first_name" | "last_name" | "email" | "user_type" | "client_id">;

function wireUser(fields: AccountFields): WireUser {
  return {
    created_at: fields.created_at,
    updated_at: fields.created_at,
    organization_id: SANDBOX_ORGANIZATION.id,
    id: fields.id,
    first_name: fields.first_name,
    last_name: fields.last_name,
    email: fields.email,
    picture: null,
    user_type: fields.user_type,
    data_plane_id: null,
    client_id: fields.client_id,
    organization_name: SANDBOX_ORGANIZATION.name,
  };
}

/** Founders 0 and 1 are admins (0 created the organization); the rest mostly members. */
function personRole(person: SeedPerson): string {
  const fixed = [SANDBOX_ROLE_IDS.admin, SANDBOX_ROLE_IDS.admin, SANDBOX_ROLE_IDS.member, SANDBOX_ROLE_IDS.readOnly];
  if (person.index < fixed.length) return fixed[person.index];
  if (person.roll < 0.02) return SANDBOX_ROLE_IDS.admin;
  return person.roll > 0.8 ? SANDBOX_ROLE_IDS.readOnly : SANDBOX_ROLE_IDS.member;
}

/** Some people have no last name and some emails keep capitals, as real directories do. */
function personAccount(person: SeedPerson): SeedAccount {
  const email = person.index % 31 === 30 ? person.email[0].toUpperCase() + person.email.slice(1) : person.email;
  const user = wireUser({
    id: uuidFrom(`arthur:user:${person.index}`),
    created_at: person.createdAt,
    first_name: person.firstName,
    last_name: person.index % 23 === 22 ? null : person.lastName,
    email,
    user_type: "user",
    client_id: null,
  });
  return { user, roleId: personRole(person) };
}

const SERVICE_ACCOUNT_NAMES = ["ci-pipeline", "model-sync", "data-export", "alerts-bot", "etl-runner"];

function serviceAccount(i: number, rand: () => number): SeedAccount {
  const created = new Date(Date.UTC(2024, 0, 1) + Math.floor(rand() * 600 * 86_400_000));
  const id = i === 0 ? SANDBOX_ME_ID : uuidFrom(`arthur:service-account:${i}`);
  const user = wireUser({
    id,
    created_at: created.toISOString().replace(/\.\d{3}Z$/, "Z"),
    first_name: i === 0 ? "Roster" : `${SERVICE_ACCOUNT_NAMES[i % SERVICE_ACCOUNT_NAMES.length]}-${i}`,
    last_name: null,
    email: null,
    user_type: "service_account",
    client_id: i === 0 ? "roster-sandbox" : `sa-${hashHex(`arthur:client:${i}`, 16)}`,
  });
  return { user, roleId: i === 0 ? SANDBOX_ROLE_IDS.admin : SANDBOX_ROLE_IDS.member };
}

/** Exactly `size` accounts: about one in forty is a service account, the first being Roster's own. */
export function seedAccounts(size: number): SeedAccount[] {
  const serviceAccounts = Math.max(1, Math.floor(size / 40));
  const rand = prng(4242);
  const people = providerPeople(Math.max(0, size - serviceAccounts), 0.6).map(personAccount);
  return [...people, ...Array.from({ length: serviceAccounts }, (_, i) => serviceAccount(i, rand))];
}

export interface BindingMember {
  kind: BoundMemberKind;
  id: string;
  name: string;
}

export function organizationBinding(
  id: string,
  member: BindingMember,
  role: Pick<WireRole, "id" | "name">,
  createdAt: string,
): WireRoleBinding {
  return {
    created_at: createdAt,
    updated_at: createdAt,
    id,
    role: { id: role.id, name: role.name },
    bound_resource_kind: "organization",
    bound_resource: { id: SANDBOX_ORGANIZATION.id, name: SANDBOX_ORGANIZATION.name, metadata: null },
    bound_member_kind: member.kind,
    bound_member: { id: member.id, name: member.name },
  };
}

/** An organization role binding of a group (lib/providers/arthur/sandbox-groups.ts seeds the groups). */
export function groupBinding(group: { id: string; name: string }, role: Pick<WireRole, "id" | "name">): WireRoleBinding {
  return organizationBinding(uuidFrom(`arthur:binding:group:${group.id}`), { kind: "group", ...group }, role, SEED_TIME);
}
