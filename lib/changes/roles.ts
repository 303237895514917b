import { isProviderError } from "../providers/errors";
import { configuredProvider, configuredProviders } from "../providers/registry";
import type { ProviderId, Role, Workspace } from "../providers/types";
import type { RolesResponse } from "./types";

/** Each provider's roles and workspaces, read from the provider and kept for a few minutes. */

const TTL_MS = 5 * 60_000;

interface Entry {
  at: number;
  value: Promise<{ roles: Role[]; workspaces: Workspace[] }>;
}

const globalForRoles = globalThis as unknown as { __rosterRoles?: Map<ProviderId, Entry> };

export function rolesFor(provider: ProviderId): Promise<{ roles: Role[]; workspaces: Workspace[] }> {
  const cache = (globalForRoles.__rosterRoles ??= new Map());
  const hit = cache.get(provider);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
  const adapter = configuredProvider(provider).adapter;
  if (!adapter) return Promise.resolve({ roles: [], workspaces: [] });
  const value = Promise.all([
    adapter.listRoles(),
    adapter.capabilities.workspaceRoles ? adapter.listWorkspaces() : Promise.resolve([]),
  ]).then(([roles, workspaces]) => ({ roles, workspaces }));
  cache.set(provider, { at: Date.now(), value });
  value.catch(() => cache.delete(provider));
  return value;
}

export async function allRoles(): Promise<RolesResponse> {
  const providers = configuredProviders().filter((p) => p.adapter);
  return {
    providers: await Promise.all(
      providers.map(async ({ settings, adapter }) => {
        try {
          const { roles, workspaces } = await rolesFor(settings.id);
          return { id: settings.id, roles, workspaces, ...(adapter?.capabilities.addToWorkspace ? { addToWorkspace: true } : {}) };
        } catch (error) {
          return {
            id: settings.id,
            roles: [],
            workspaces: [],
            error: isProviderError(error) ? { status: error.status, message: error.message } : { status: null, message: String(error) },
          };
        }
      }),
    ),
  };
}

/** The role an operator asked for, by id or by name, in the right scope. */
export function findRole(roles: Role[], wanted: string, scope: Role["scope"]): Role | undefined {
  const inScope = roles.filter((r) => r.scope === scope);
  return inScope.find((r) => r.id === wanted) ?? inScope.find((r) => r.name.toLowerCase() === wanted.toLowerCase());
}

export function isOwnerRoleId(roles: Role[], roleId: string): boolean {
  return roles.some((r) => r.scope === "organization" && (r.id === roleId || r.name === roleId) && r.isOwner);
}

/** Whether the role is in the provider's catalogue of organization roles (a role Roster does not know is never an owner). */
export function isKnownRoleId(roles: Role[], roleId: string): boolean {
  return roles.some((r) => r.scope === "organization" && (r.id === roleId || r.name === roleId));
}
