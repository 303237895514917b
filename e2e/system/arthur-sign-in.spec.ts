import type { ConnectionInfo, UsersResponse } from "../../lib/directory/types";
import { apiAs, expect, test } from "../fixtures";
import { portFrom, type RosterServer, type Sandboxes, startRoster, startSandboxes, tempDataDir } from "./servers";

/**
 * Arthur configured for real (ARTHUR_BASE_URL, ARTHUR_CLIENT_ID, ARTHUR_CLIENT_SECRET) against
 * the Arthur sandbox, whose tokens last 2 seconds: a Roster server signs in, keeps syncing
 * after its token has expired, shows the identity provider's own words on Connections when
 * the secret is wrong, and refuses to start with half the credentials.
 */

const ROSTER = portFrom("ROSTER_ARTHUR_SIGNIN_PORT", 5480);
const SANDBOX = portFrom("ROSTER_ARTHUR_SIGNIN_SANDBOX_PORT", 5490);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function arthurLive(sandboxes: Sandboxes, secret?: string): Record<string, string> {
  return {
    ROSTER_SANDBOX: "openai,astronomer",
    ARTHUR_BASE_URL: sandboxes.url.arthur,
    ARTHUR_CLIENT_ID: "roster-sandbox",
    ...(secret === undefined ? {} : { ARTHUR_CLIENT_SECRET: secret }),
  };
}

async function stop(server: RosterServer) {
  server.kill("SIGTERM");
  await server.exited;
}

test.describe("Arthur sign-in with client credentials on a real server", () => {
  let sandboxes: Sandboxes;

  test.beforeAll(async () => {
    process.env.ROSTER_SANDBOX_ARTHUR_TOKEN_TTL_SECONDS = "2";
    try {
      sandboxes = await startSandboxes(SANDBOX);
    } finally {
      delete process.env.ROSTER_SANDBOX_ARTHUR_TOKEN_TTL_SECONDS;
    }
  });
  test.afterAll(async () => sandboxes?.stop());

  test("signs in, and keeps syncing after its 2-second token has expired", async () => {
    const server = await startRoster({
      port: ROSTER,
      sandboxPort: SANDBOX,
      dataDir: tempDataDir("arthur-signin"),
      env: arthurLive(sandboxes, "sandbox"),
    });
    try {
      const viewer = await apiAs("viewer", server.url);
      for (let round = 0; round < 2; round++) {
        if (round) await sleep(2_500);
        expect((await viewer.post("/api/sync", { data: { provider: "arthur" } })).status()).toBe(200);
        const users = (await (await viewer.get("/api/users?pageSize=5&provider=arthur")).json()) as UsersResponse;
        const arthur = users.providers.find((p) => p.id === "arthur")!;
        expect(arthur, `round ${round}`).toMatchObject({ mode: "live", ok: true });
        expect(arthur.count).toBeGreaterThan(100);
      }
      const { connections } = (await (await viewer.get("/api/connections")).json()) as { connections: ConnectionInfo[] };
      expect(connections.find((c) => c.id === "arthur")).toMatchObject({ mode: "live", identity: { name: "Roster" } });
      const requests = await sandboxes.requests("arthur");
      const tokens = requests.filter((r) => r.pattern === "/realms/arthur/protocol/openid-connect/token");
      expect(tokens.length, "a new token after the first expired").toBeGreaterThanOrEqual(2);
      expect(tokens.every((t) => t.status === 200)).toBe(true);
      await viewer.dispose();
    } finally {
      await stop(server);
    }
  });

  test("a wrong secret shows the identity provider's own error on Connections", async ({ page }) => {
    const server = await startRoster({
      port: ROSTER,
      sandboxPort: SANDBOX,
      dataDir: tempDataDir("arthur-wrong"),
      env: arthurLive(sandboxes, "not-the-secret"),
    });
    const refused = `Arthur's sign-in refused Roster's client credentials (client id "roster-sandbox"): invalid_client: Invalid client or Invalid client credentials`;
    try {
      const viewer = await apiAs("viewer", server.url);
      const { connections } = (await (await viewer.get("/api/connections")).json()) as { connections: ConnectionInfo[] };
      expect(connections.find((c) => c.id === "arthur")).toMatchObject({
        mode: "live",
        identity: null,
        identityError: { status: 401, message: refused },
      });
      // The browser gets this server's session cookie.
      await page.context().addCookies((await viewer.storageState()).cookies);
      await viewer.dispose();

      await page.goto(`${server.url}/connections`);
      await expect(page.getByText(refused).first()).toBeVisible();
      await page.screenshot({ path: test.info().outputPath("connections-wrong-secret.png"), fullPage: true });
    } finally {
      await stop(server);
    }
  });

  test("half-set client credentials refuse to start, naming the missing variable", async () => {
    const started = startRoster({ port: ROSTER, sandboxPort: SANDBOX, dataDir: tempDataDir("arthur-half"), env: arthurLive(sandboxes) });
    await expect(started).rejects.toThrow(/ARTHUR_CLIENT_SECRET must be set too: ARTHUR_CLIENT_ID is set/);
  });
});
