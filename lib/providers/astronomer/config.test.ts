import { describe, expect, it } from "vitest";
import { providerSettings } from "../../config";
import { astroVersionOf } from "./api";
import { astronomerSandboxEnv } from "./sandbox";

const env = (vars: Record<string, string>) => vars as unknown as NodeJS.ProcessEnv;

describe("astronomer version configuration", () => {
  const live = { ASTRONOMER_API_TOKEN: "t", ASTRONOMER_ORGANIZATION_ID: "o" };

  it("with live keys and no base URL, speaks Astro's listed API, v1", () => {
    const url = providerSettings("astronomer", env(live)).connection!.baseUrl;
    expect(url).toBe("https://api.astronomer.io/v1");
    expect(astroVersionOf(url)).toBe("v1");
  });

  it("follows the path of ASTRONOMER_BASE_URL", () => {
    const url = providerSettings("astronomer", env({ ...live, ASTRONOMER_BASE_URL: "https://api.astronomer.io/v1alpha1" })).connection!
      .baseUrl;
    expect(astroVersionOf(url)).toBe("v1alpha1");
  });

  it("the sandbox keeps v1alpha1 unless ROSTER_SANDBOX_ASTRONOMER_VERSION=v1", () => {
    expect(providerSettings("astronomer", env({ ROSTER_SANDBOX: "all" })).connection!.baseUrl).toMatch(/:4011\/v1alpha1$/);
    expect(
      providerSettings("astronomer", env({ ROSTER_SANDBOX: "all", ROSTER_SANDBOX_ASTRONOMER_VERSION: "v1" })).connection!.baseUrl,
    ).toMatch(/:4011\/v1$/);
    expect(astronomerSandboxEnv(env({ ROSTER_SANDBOX_ASTRONOMER_VERSION: "v1" })).version).toBe("v1");
    expect(() => astronomerSandboxEnv(env({ ROSTER_SANDBOX_ASTRONOMER_VERSION: "v2" }))).toThrow(/must be v1alpha1 or v1/);
    expect(() => astronomerSandboxEnv(env({ ROSTER_SANDBOX_ASTRONOMER_VARIANCE: "nope" }))).toThrow(
      /Unknown Astronomer sandbox variance nope/,
    );
    expect([...astronomerSandboxEnv(env({ ROSTER_SANDBOX_ASTRONOMER_VARIANCE: "null-avatars, overcount" })).variance!]).toEqual([
      "null-avatars",
      "overcount",
    ]);
  });
});
