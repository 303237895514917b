import { createLimiter, pageConcurrency } from "../paging";
import { readItems } from "../tolerant";
import type { ListOptions, ScopedRole, Workspace } from "../types";
import { PAGE_LIMIT, type OpenAIClient } from "./client";
import { collectPages, PROJECT_ITEM, PROJECT_USER_ITEM } from "./mapping";
import { isOpenAIProjectRole } from "./roles";

/**
 * OpenAI projects and who holds which role in each. Projects are few next to users, so
 * their user lists are read in parallel (each one its own cursor chain, at most
 * ROSTER_PAGE_CONCURRENCY at once) alongside the organization's user list: a sync costs
 * one request per 100 projects plus one per 100 users of each project.
 */

export async function listProjects(client: OpenAIClient, options?: ListOptions): Promise<Workspace[]> {
  const projects = await collectPages(async (after) => {
    const envelope = await client.listProjects({ limit: PAGE_LIMIT, after }, options?.signal);
    return { envelope, items: readItems(PROJECT_ITEM, envelope.data, options?.report) };
  });
  // Archived projects are not listed (the default); one the answer still marks archived is left out too.
  return projects
    .filter((p) => p.status !== "archived" && p.archived_at == null)
    .map((p) => ({ id: p.id, name: p.name ?? p.id, kind: "project" as const }));
}

/** Every project's members: user id → the project roles they hold. */
export async function projectRolesByUser(client: OpenAIClient, options?: ListOptions): Promise<Map<string, ScopedRole[]>> {
  const projects = await listProjects(client, options);
  const limit = createLimiter(pageConcurrency());
  const byUser = new Map<string, ScopedRole[]>();
  await Promise.all(
    projects.map((project) =>
      limit(async () => {
        const users = await collectPages(async (after) => {
          const envelope = await client.listProjectUsers(project.id, { limit: PAGE_LIMIT, after }, options?.signal);
          return { envelope, items: readItems(PROJECT_USER_ITEM, envelope.data, options?.report) };
        });
        for (const user of users) {
          const role = user.role || "unknown";
          if (!isOpenAIProjectRole(role)) options?.report?.deviation("project_user.role unknown", role);
          const grant: ScopedRole = { scope: "project", scopeId: project.id, scopeName: project.name, role };
          const held = byUser.get(user.id);
          if (held) held.push(grant);
          else byUser.set(user.id, [grant]);
        }
      }),
    ),
  );
  for (const grants of byUser.values()) grants.sort((a, b) => a.scopeName.localeCompare(b.scopeName));
  return byUser;
}
