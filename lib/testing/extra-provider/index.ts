import { z } from "zod";
import { createProviderHttp } from "../../providers/http";
import type { ProviderId } from "../../providers/catalog";
import { type ProviderModule, missingVariables } from "../../providers/module";
import type { Member, ProviderAdapter, ProviderConnection, Role } from "../../providers/types";
import { exampleDescriptor, extraProviderEnabled } from "./descriptor";
import { createExampleSandbox } from "./sandbox";

const ID = exampleDescriptor.id as ProviderId;
const memberSchema = z.looseObject({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.string(),
  created_at: z.string().nullish(),
});
const pageSchema = z.looseObject({ total: z.number(), members: z.array(memberSchema) });
const ROLES: Role[] = [
  { id: "admin", name: "admin", scope: "organization", isOwner: true, adminLevel: true },
  { id: "member", name: "member", scope: "organization", isOwner: false, adminLevel: false },
];

function toMember(m: z.infer<typeof memberSchema>): Member {
  return {
    provider: ID,
    id: m.id,
    email: m.email,
    name: m.name,
    role: m.role,
    roleId: m.role,
    status: "active",
    kind: "person",
    addedAt: m.created_at ?? null,
    managed: false,
  };
}

function createExampleAdapter(connection: ProviderConnection): ProviderAdapter {
  const http = createProviderHttp({
    provider: ID,
    baseUrl: connection.baseUrl,
    token: connection.token,
    timeoutMs: connection.timeoutMs,
    errorMessage: (body) => (body as { message?: string } | null)?.message ?? null,
  });
  const path = (id: string) => `/members/${encodeURIComponent(id)}`;
  return {
    id: ID,
    label: exampleDescriptor.label,
    capabilities: { listInvites: false, revokeInvite: false, workspaceRoles: false, serviceAccounts: false },
    whoami: async () => ({ id: "roster", name: "Roster", email: null, organization: "Example" }),
    async listMembers(options) {
      const members: Member[] = [];
      for (let offset = 0; ; offset += 100) {
        const page = await http.request({ path: "/members", query: { offset, limit: 100 }, schema: pageSchema, signal: options?.signal });
        members.push(...page.members.map(toMember));
        options?.onProgress?.({ fetched: members.length, total: page.total });
        if (!page.members.length || members.length >= page.total) return members;
      }
    },
    listInvites: async () => [],
    listRoles: async () => ROLES,
    listWorkspaces: async () => [],
    async getMember(memberId, options) {
      try {
        return toMember(await http.request({ path: path(memberId), schema: memberSchema, signal: options?.signal }));
      } catch (error) {
        if ((error as { status?: number }).status === 404) return null;
        throw error;
      }
    },
    invite: async () => null,
    revokeInvite: async () => undefined,
    async changeRole({ memberId, role }) {
      await http.request({ method: "PATCH", path: path(memberId), body: { role }, schema: memberSchema, idempotent: true });
    },
    async removeMember({ memberId }) {
      await http.request({ method: "DELETE", path: path(memberId) });
    },
  };
}

export const exampleProvider: ProviderModule = {
  descriptor: exampleDescriptor as unknown as ProviderModule["descriptor"],
  createAdapter: createExampleAdapter,
  liveConnection: (env) =>
    missingVariables(env, ["EXAMPLE_API_KEY", "EXAMPLE_BASE_URL"]) ?? {
      connection: { baseUrl: env.EXAMPLE_BASE_URL!, token: env.EXAMPLE_API_KEY! },
    },
  sandbox: {
    create: ({ users }) => createExampleSandbox({ users }),
    connection: (origin, token) => ({ baseUrl: origin + exampleDescriptor.sandboxBasePath, token }),
  },
};

/** The test-only provider's server part, only where ROSTER_TEST_EXTRA_PROVIDER=1. */
export function extraProviderModules(): ProviderModule[] {
  return extraProviderEnabled() ? [exampleProvider] : [];
}
