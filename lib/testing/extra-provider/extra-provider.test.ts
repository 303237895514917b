import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import type { StartedSandboxes } from "../../sandbox/start";

/**
 * A fourth provider is its folder plus one registry line: with ROSTER_TEST_EXTRA_PROVIDER=1
 * the test-only "example" provider (this folder) is in the catalog, the configuration (its
 * own sandbox port after the others'), the sandbox start and the e2e fuzz table, and its
 * adapter reads its members from its sandbox over real HTTP. No file outside this folder
 * names it. Without the variable it is nowhere.
 */

const BASE_PORT = Number(process.env.ROSTER_EXTRA_PROVIDER_TEST_PORT ?? 6780);
let started: StartedSandboxes | undefined;

afterEach(async () => {
  await started?.close();
  started = undefined;
  vi.unstubAllEnvs();
  vi.resetModules();
});
afterAll(() => vi.unstubAllEnvs());

describe("the test-only fourth provider", () => {
  it("is unknown without ROSTER_TEST_EXTRA_PROVIDER", async () => {
    vi.stubEnv("ROSTER_TEST_EXTRA_PROVIDER", "");
    vi.resetModules();
    const { PROVIDER_IDS } = await import("../../providers/catalog");
    expect(PROVIDER_IDS).not.toContain("example");
  });

  it("registered, it is configured, started and read like the built-in ones", async () => {
    vi.stubEnv("ROSTER_TEST_EXTRA_PROVIDER", "1");
    vi.resetModules();
    const { PROVIDER_IDS, PROVIDER_LABELS } = await import("../../providers/catalog");
    // The test-only id, which the ProviderId type (built-in providers) does not name.
    const EXAMPLE = "example" as (typeof PROVIDER_IDS)[number];
    const { allProviderSettings } = await import("../../config");
    const { providerModule } = await import("../../providers/modules");
    const { startSandboxes } = await import("../../sandbox/start");
    const { ROUTES } = await import("../../../e2e/api/fuzz-inputs");

    expect(PROVIDER_IDS.at(-1)).toBe(EXAMPLE);
    expect(PROVIDER_LABELS[EXAMPLE]).toBe("Example");

    const env = { ROSTER_SANDBOX: "all", ROSTER_SANDBOX_PORT: String(BASE_PORT) } as unknown as NodeJS.ProcessEnv;
    const settings = allProviderSettings(env);
    const example = settings.find((s) => s.id === EXAMPLE)!;
    expect(example).toMatchObject({ mode: "sandbox", connection: { baseUrl: `http://127.0.0.1:${BASE_PORT + 3}/api` } });

    started = await startSandboxes({ providers: [...PROVIDER_IDS], basePort: BASE_PORT, tokens: ["sandbox"], users: 20, env });
    expect(started.running.map((r) => r.provider)).toEqual([...PROVIDER_IDS]);

    const members = await providerModule(EXAMPLE).createAdapter(example.connection!).listMembers();
    expect(members).toHaveLength(20);
    expect(members[0]).toMatchObject({ provider: "example", status: "active", kind: "person" });

    const providerQuery = ROUTES["GET /api/users"].query!.provider;
    expect(providerQuery).toMatchObject({ kind: "csv-enum", values: expect.arrayContaining(["example"]) });
  });
});
