import net from "node:net";
import { expect, test } from "@playwright/test";
import { portFrom, startRoster } from "./servers";

/**
 * The database at start and after it. One that cannot be reached at start stops `npm start`,
 * naming DATABASE_URL (and never printing the password), so a wrong value shows at deploy
 * time, not at the first sign-in. One that goes away later leaves Roster alive
 * (`/api/health` 200) but not ready (`/api/ready` 503 saying so), so an orchestrator keeps
 * traffic away until it answers again, and then Roster is ready without a restart.
 */

const databaseUrl = process.env.ROSTER_TEST_DATABASE_URL;

test("a database unreachable at start stops the start, naming DATABASE_URL", async () => {
  // Nothing listens on port 1: the connection is refused at once.
  const unreachable = "postgres://roster:not-the-password@127.0.0.1:1/roster";
  let said = "";
  try {
    const server = await startRoster({
      port: portFrom("ROSTER_READY_PORT", 5500),
      sandboxPort: portFrom("ROSTER_READY_SANDBOX_PORT", 5510),
      databaseUrl: unreachable,
    });
    // It may answer its sign-in page for a moment before the database's answer comes back.
    const exit = await Promise.race([server.exited, new Promise<null>((resolve) => setTimeout(() => resolve(null), 60_000))]);
    said = server.output.join("");
    if (!exit) server.kill("SIGKILL");
    expect(exit, "the server stopped by itself").toMatchObject({ code: 1 });
  } catch (error) {
    said = String(error);
    expect(said).toContain("exited (1)");
  }
  expect(said).toContain("DATABASE_URL: could not connect to Postgres");
  expect(said).not.toContain("not-the-password");
});

/** A TCP relay in front of Postgres that can be cut and restored, as a network or failover would. */
function relay(port: number, target: URL) {
  const sockets = new Set<net.Socket>();
  let server: net.Server | null = null;
  const open = () =>
    new Promise<void>((resolve) => {
      server = net.createServer((client) => {
        const upstream = net.connect(Number(target.port || 5432), target.hostname);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on("close", () => sockets.delete(s));
          s.on("error", () => s.destroy());
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, "127.0.0.1", () => resolve());
    });
  const cut = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server?.close(() => resolve());
    });
  return { open, cut };
}

test("a database lost after start: alive, not ready, then ready again without a restart", async () => {
  test.skip(!databaseUrl, "ROSTER_TEST_DATABASE_URL is not set (CI sets it)");
  const target = new URL(databaseUrl!);
  const relayPort = portFrom("ROSTER_READY_RELAY_PORT", 5505);
  const through = new URL(databaseUrl!);
  through.hostname = "127.0.0.1";
  through.port = String(relayPort);
  const db = relay(relayPort, target);
  await db.open();
  const server = await startRoster({
    port: portFrom("ROSTER_READY_PORT", 5500),
    sandboxPort: portFrom("ROSTER_READY_SANDBOX_PORT", 5510),
    databaseUrl: through.toString(),
    env: { ROSTER_DB_POOL: "2" },
  });
  try {
    await expect.poll(async () => (await fetch(`${server.url}/api/ready`)).status, { timeout: 60_000 }).toBe(200);

    await db.cut();
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    await expect.poll(async () => (await fetch(`${server.url}/api/ready`)).status, { timeout: 30_000 }).toBe(503);
    const body = await (await fetch(`${server.url}/api/ready`)).json();
    expect(body).toMatchObject({ ready: false, database: { reachable: false } });
    expect(body.database.error).toBeTruthy();
    expect(JSON.stringify(body)).not.toContain(`:${target.password}@`);

    await db.open();
    await expect.poll(async () => (await fetch(`${server.url}/api/ready`)).status, { timeout: 30_000 }).toBe(200);
    expect(server.output.join(""), "the dropped connections were reported, not fatal").toContain("An idle database connection failed");
  } finally {
    server.kill("SIGTERM");
    await server.exited;
    await db.cut();
  }
});
