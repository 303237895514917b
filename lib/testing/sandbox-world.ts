import { afterAll, beforeAll } from "vitest";
import type { ChangeContext } from "../audit/change";
import type { ProviderId } from "../providers/types";
import type { StartedSandboxes } from "../sandbox/start";
import { withTempDatabase } from "./temp-db";

export interface SandboxWorld {
  /** The sandboxes this file started (set before its tests). */
  readonly sandboxes: StartedSandboxes;
  /** The admin operator the file's changes act as. */
  readonly admin: ChangeContext;
  /** The running sandbox of one provider. */
  running(provider: ProviderId): StartedSandboxes["running"][number];
  /** The admin's context for one change, with a request id of its own. */
  ctx(name: string): ChangeContext;
}

/**
 * A test file's own world for changes through Roster's services: a temporary database
 * (`withTempDatabase`), the sandboxes `sandbox` names on ports from `port`, an admin operator,
 * and (unless `readDirectory` is false) the directory read once. Call it at the top of the
 * file, before the modules that read the environment are imported (`await import(...)`).
 */
export function withSandboxWorld(
  tag: string,
  options: { sandbox: string; port: string; env?: Record<string, string>; readDirectory?: boolean; fresh?: boolean },
): SandboxWorld {
  withTempDatabase(tag);
  Object.assign(process.env, { ROSTER_SANDBOX: options.sandbox, ROSTER_SANDBOX_PORT: options.port, ...options.env });
  let sandboxes: StartedSandboxes | undefined;
  let admin: ChangeContext | undefined;
  const world: SandboxWorld = {
    get sandboxes() {
      if (!sandboxes) throw new Error("the sandboxes start before the file's tests");
      return sandboxes;
    },
    get admin() {
      if (!admin) throw new Error("the admin is made before the file's tests");
      return admin;
    },
    running: (provider) => {
      const found = world.sandboxes.running.find((r) => r.provider === provider);
      if (!found) throw new Error(`no ${provider} sandbox runs in this world`);
      return found;
    },
    ctx: (name) => ({ ...world.admin, requestId: `${tag}-${name}-${Date.now()}` }),
  };
  beforeAll(async () => {
    const { startConfiguredSandboxes } = await import("../sandbox/start");
    const { getDb } = await import("../db");
    const { operators } = await import("../db/schema");
    sandboxes = await startConfiguredSandboxes();
    if (options.fresh && sandboxes.reused.length > 0)
      throw new Error(`sandboxes already ran on the test's ports: ${sandboxes.reused.join(", ")}`);
    const email = `${tag}-${Date.now()}@test.example`;
    const [row] = await (await getDb()).insert(operators).values({ email, name: email, role: "admin" }).returning();
    admin = { operator: { id: row.id, email: row.email, name: row.name, role: "admin" }, requestId: "" };
    if (options.readDirectory !== false) {
      const { getSnapshots } = await import("../directory/snapshot");
      await getSnapshots();
    }
  }, 180_000);
  afterAll(async () => {
    await sandboxes?.close();
  });
  return world;
}
