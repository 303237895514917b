import type { UsersResponse } from "../../lib/directory/types";
import { PROVIDER_IDS, type ProviderId } from "../../lib/providers/catalog";
import { E2E } from "../env";
import { expect, test } from "../fixtures";

/**
 * A fourth provider is its folder plus one registry line: run with ROSTER_TEST_EXTRA_PROVIDER=1
 * (the e2e server inherits it), Roster starts the test-only "example" provider's sandbox after the
 * others', syncs it, and its members are in the directory, with no file outside
 * lib/testing/extra-provider/ naming it. Skipped in ordinary runs.
 */

// The test-only provider's id, which the ProviderId type (built-in providers) does not name.
const EXAMPLE = "example" as ProviderId;
const registered = PROVIDER_IDS.includes(EXAMPLE);

test.describe("a test-only fourth provider", () => {
  test.skip(!registered, "runs with ROSTER_TEST_EXTRA_PROVIDER=1");

  test("has its own sandbox and its members are in GET /api/users", async ({ as }) => {
    // The first test after the server starts: signing in and the first sync take their time.
    test.setTimeout(120_000);
    const health = await fetch(`${E2E.sandbox[EXAMPLE]}/__sandbox/health`);
    expect(((await health.json()) as { provider?: string }).provider).toBe("example");

    const viewer = await as("viewer");
    await expect(async () => {
      const body = (await (await viewer.get("/api/users?provider=example&pageSize=200")).json()) as UsersResponse;
      const summary = JSON.stringify({ providers: body.providers, total: body.total });
      expect(
        body.providers.find((p) => p.id === EXAMPLE),
        summary,
      ).toMatchObject({ mode: "sandbox", ok: true });
      expect(body.total, summary).toBe(240);
      expect(body.people.every((p) => p.memberships.some((m) => m.provider === EXAMPLE))).toBe(true);
    }).toPass({ timeout: 60_000 });

    const connections = await viewer.get("/api/connections");
    expect(JSON.stringify(await connections.json())).toContain('"example"');
  });
});
