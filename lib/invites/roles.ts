import { ApiError } from "../api/errors";
import { findRole, rolesFor } from "../changes/roles";
import { configuredProvider } from "../providers/registry";
import type { ProviderId } from "../providers/types";
import type { CreateInviteRequest } from "./types";

/**
 * The role asked for on each provider, checked against that provider's organization
 * roles (by id or by name, as `GET /api/roles` lists them). A 422 names the field.
 */
export async function resolveProviderRoles(
  providers: CreateInviteRequest["providers"],
): Promise<Array<{ provider: ProviderId; roleId: string; roleName: string }>> {
  const resolved = [];
  for (const [i, { provider, role }] of providers.entries()) {
    const configured = configuredProvider(provider);
    if (!configured.adapter) {
      const field = `providers.${i}.provider`;
      const message = `${configured.label} is not configured (${configured.settings.missing ?? "no credentials"})`;
      throw new ApiError("unsupported", `${field}: ${message}`, [{ field, message }]);
    }
    const { roles } = await rolesFor(provider);
    const found = findRole(roles, role, "organization");
    if (!found) {
      const field = `providers.${i}.role`;
      const names = roles.filter((r) => r.scope === "organization").map((r) => r.name);
      const message = `"${role}" is not a role on ${configured.label} (one of ${names.join(", ")})`;
      throw new ApiError("unknown_role", `${field}: ${message}`, [{ field, message }]);
    }
    resolved.push({ provider, roleId: found.id, roleName: found.name });
  }
  return resolved;
}
