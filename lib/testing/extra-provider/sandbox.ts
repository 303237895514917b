import type { SandboxDefinition, SandboxRequest, SandboxResponse } from "../../sandbox/server";
import { providerPeople } from "../../sandbox/seed";
import type { ProviderId } from "../../providers/catalog";
import { exampleDescriptor } from "./descriptor";

/** The Example provider's wire shape: one flat, offset-paged member list. */
export interface ExampleMember {
  id: string;
  email: string;
  name: string;
  role: "admin" | "member";
  created_at: string;
}

function seed(users: number): ExampleMember[] {
  return providerPeople(Math.max(users, 4), 0.45).map((p, i) => ({
    id: `ex-${p.index}`,
    email: p.email,
    name: p.name,
    role: i === 0 ? "admin" : "member",
    created_at: p.createdAt,
  }));
}

const notFound = (id: string): SandboxResponse => ({ status: 404, body: { message: `no member ${id}` } });

/** A tiny sandbox: list (offset/limit), read, change role, remove. */
export function createExampleSandbox(options: { users: number }): SandboxDefinition {
  let members = seed(options.users);
  const find = (req: SandboxRequest) => members.find((m) => m.id === req.params.id);
  return {
    provider: exampleDescriptor.id as ProviderId,
    basePath: exampleDescriptor.sandboxBasePath,
    errorBody: (_status, message) => ({ message }),
    reset: () => {
      members = seed(options.users);
    },
    routes: [
      {
        method: "GET",
        pattern: "/members",
        handler: (req) => {
          const offset = Number(req.query.get("offset") ?? 0);
          const limit = Math.min(Number(req.query.get("limit") ?? 100), 100);
          return { status: 200, body: { total: members.length, members: members.slice(offset, offset + limit) } };
        },
      },
      {
        method: "GET",
        pattern: "/members/{id}",
        handler: (req) => (find(req) ? { status: 200, body: find(req) } : notFound(req.params.id)),
      },
      {
        method: "PATCH",
        pattern: "/members/{id}",
        handler: (req) => {
          const member = find(req);
          if (!member) return notFound(req.params.id);
          const role = (req.body as { role?: unknown } | undefined)?.role;
          if (role !== "admin" && role !== "member") return { status: 422, body: { message: "role must be admin or member" } };
          member.role = role;
          return { status: 200, body: member };
        },
      },
      {
        method: "DELETE",
        pattern: "/members/{id}",
        handler: (req) => {
          if (!find(req)) return notFound(req.params.id);
          members = members.filter((m) => m.id !== req.params.id);
          return { status: 204 };
        },
      },
    ],
  };
}
