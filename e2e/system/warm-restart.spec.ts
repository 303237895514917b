import type { UsersResponse } from "../../lib/directory/types";
import { apiAs, expect, test } from "../fixtures";
import { type RosterServer, type Sandboxes, startRoster, startSandboxes, tempDataDir } from "./servers";

/**
 * A restarted Roster shows the directory it stored at once, even while every provider
 * hangs, and says it is refreshing; a cold one with hanging providers has nothing to show.
 */

const base = Number(process.env.ROSTER_SYSTEM_PORT ?? 5010) + 20;

async function stop(server: RosterServer) {
  server.kill("SIGTERM");
  await server.exited;
}

test.describe("warm restart", () => {
  let sandboxes: Sandboxes;
  const dataDir = tempDataDir("warm");

  test.beforeAll(async () => {
    sandboxes = await startSandboxes(base + 10);
  });
  test.afterAll(async () => {
    await sandboxes?.stop();
  });

  test("the stored snapshot is shown at once after a restart while providers hang", async () => {
    const first = await startRoster({ port: base, sandboxPort: base + 10, dataDir });
    const viewer = await apiAs("viewer", first.url);
    expect((await viewer.post("/api/sync", { data: {} })).status()).toBe(200);
    const synced = (await (await viewer.get("/api/users?pageSize=5")).json()) as UsersResponse;
    expect(synced.total).toBeGreaterThan(100);
    await viewer.dispose();
    await stop(first);

    await sandboxes.fault("all", { route: "*", method: "GET", hang: true });
    // Stale at once, so the restarted server also refreshes in the background.
    const second = await startRoster({ port: base, sandboxPort: base + 10, dataDir, env: { ROSTER_SYNC_FRESH_SECONDS: "0" } });
    try {
      const again = await apiAs("viewer", second.url);
      const res = await again.get("/api/users?pageSize=5");
      expect(res.status()).toBe(200);
      const warm = (await res.json()) as UsersResponse;
      expect(warm.total, "the same people as before the restart").toBe(synced.total);
      expect(warm.people.map((p) => p.key)).toEqual(synced.people.map((p) => p.key));
      for (const state of warm.providers) {
        expect(state, `${state.id} is served from the stored snapshot while it refreshes`).toMatchObject({
          ok: true,
          syncing: true,
          count: synced.providers.find((p) => p.id === state.id)!.count,
        });
      }
      await again.dispose();
    } finally {
      await stop(second);
    }
  });
});
