import { expect, test } from "@playwright/test";
import { portFrom, startRoster } from "./servers";

/**
 * With its database unreachable, Roster is alive (`/api/health` 200) but not ready
 * (`/api/ready` 503 saying so, without the connection string), so an orchestrator keeps
 * traffic away from it instead of sending sign-ins that would fail.
 */
test("a server whose database is unreachable is alive but not ready", async () => {
  const port = portFrom("ROSTER_READY_PORT", 5500);
  // Nothing listens on port 1: the connection is refused at once.
  const databaseUrl = "postgres://roster:not-the-password@127.0.0.1:1/roster";
  const server = await startRoster({ port, sandboxPort: portFrom("ROSTER_READY_SANDBOX_PORT", 5510), databaseUrl });
  try {
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${server.url}/api/ready`);
    expect(ready.status).toBe(503);
    const body = await ready.json();
    expect(body.ready).toBe(false);
    expect(body.database.reachable).toBe(false);
    expect(body.database.error).toBeTruthy();
    expect(JSON.stringify(body)).not.toContain("not-the-password");
  } finally {
    server.kill("SIGTERM");
    await server.exited;
  }
});
