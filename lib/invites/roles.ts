import { ApiError } from "../api/errors";
import { findRole, rolesFor } from "../changes/roles";
import { configuredProvider } from "../providers/registry";
import type { ProviderId, Role, Workspace } from "../providers/types";
import type { CreateInviteRequest, InviteItemProject } from "./types";

/**
 * The role asked for on each provider, checked against that provider's organization
 * roles (by id or by name, as `GET /api/roles` lists them). A 422 names the field.
 */
export async function resolveProviderRoles(
  providers: CreateInviteRequest["providers"],
): Promise<Array<{ provider: ProviderId; roleId: string; roleName: string; projects?: InviteItemProject[] }>> {
  const resolved = [];
  for (const [i, { provider, role, projects }] of providers.entries()) {
    const configured = configuredProvider(provider);
    if (!configured.adapter) {
      const field = `providers.${i}.provider`;
      const message = `${configured.label} is not configured (${configured.settings.missing ?? "no credentials"})`;
      throw new ApiError("unsupported", `${field}: ${message}`, [{ field, message }]);
    }
    const { roles, workspaces } = await rolesFor(provider);
    const found = findRole(roles, role, "organization");
    if (!found) {
      const field = `providers.${i}.role`;
      const names = roles.filter((r) => r.scope === "organization").map((r) => r.name);
      const message = `"${role}" is not a role on ${configured.label} (one of ${names.join(", ")})`;
      throw new ApiError("unknown_role", `${field}: ${message}`, [{ field, message }]);
    }
    resolved.push({
      provider,
      roleId: found.id,
      roleName: found.name,
      ...(projects ? { projects: resolveProjects(projects, roles, workspaces, i) } : {}),
    });
  }
  return resolved;
}

/** Each project asked for must be one the provider lists, with one of its project roles (by id or name). */
function resolveProjects(
  projects: NonNullable<CreateInviteRequest["providers"][number]["projects"]>,
  roles: Role[],
  workspaces: Workspace[],
  i: number,
): InviteItemProject[] {
  return projects.map(({ id, role }, j) => {
    const project = workspaces.find((w) => w.id === id && w.kind === "project");
    if (!project) {
      const field = `providers.${i}.projects.${j}.id`;
      const message = `"${id}" is not a project Roster can see (one of ${workspaces.map((w) => w.id).join(", ") || "none"})`;
      throw new ApiError("unknown_project", `${field}: ${message}`, [{ field, message }]);
    }
    const found = findRole(roles, role, "workspace");
    if (!found) {
      const field = `providers.${i}.projects.${j}.role`;
      const names = roles.filter((r) => r.scope === "workspace").map((r) => r.name);
      const message = `"${role}" is not a project role (one of ${names.join(", ")})`;
      throw new ApiError("unknown_role", `${field}: ${message}`, [{ field, message }]);
    }
    return { id: project.id, role: found.id, name: project.name };
  });
}
