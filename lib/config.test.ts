import { describe, expect, it } from "vitest";
import * as config from "./config";
import { PROVIDER_IDS } from "./providers/catalog";
import { sandboxArthurTokenTtlSeconds as arthurTokenTtl } from "./providers/arthur";

/** Arthur's sign-in settings: client credentials, a fixed access token, or the sandbox's own client. */

type Vars = Record<string, string>;
const providerSettings = (id: "openai" | "arthur", vars: Vars) => config.providerSettings(id, vars as NodeJS.ProcessEnv);
const sandboxedProviders = (vars: Vars) => config.sandboxedProviders(vars as NodeJS.ProcessEnv);
const sandboxArthurTokenTtlSeconds = (vars: Vars) => arthurTokenTtl(vars as NodeJS.ProcessEnv);

const BASE = { ROSTER_SANDBOX: "none", ARTHUR_BASE_URL: "https://platform.arthur.example" };

function refusal(env: Vars): string {
  try {
    providerSettings("arthur", env);
  } catch (error) {
    expect(config.isConfigError(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error("expected a ConfigError");
}

describe("Arthur configuration", () => {
  it("client credentials: both variables sign Roster in with them (no fixed token)", () => {
    const settings = providerSettings("arthur", { ...BASE, ARTHUR_CLIENT_ID: "sa-roster", ARTHUR_CLIENT_SECRET: " s3cret " });
    expect(settings).toMatchObject({
      mode: "live",
      connection: { baseUrl: BASE.ARTHUR_BASE_URL, token: "", clientCredentials: { clientId: "sa-roster", clientSecret: "s3cret" } },
    });
  });

  it("half-set client credentials refuse, naming the variable that is missing", () => {
    expect(refusal({ ...BASE, ARTHUR_CLIENT_ID: "sa-roster" })).toBe(
      "Arthur client credentials are half set: ARTHUR_CLIENT_ID is set but ARTHUR_CLIENT_SECRET is not. Set both, or neither.",
    );
    expect(refusal({ ...BASE, ARTHUR_CLIENT_SECRET: "s3cret", ARTHUR_ACCESS_TOKEN: "tok" })).toMatch(
      /ARTHUR_CLIENT_SECRET is set but ARTHUR_CLIENT_ID is not/,
    );
  });

  it("a fixed access token still works; client credentials win when both are set", () => {
    expect(providerSettings("arthur", { ...BASE, ARTHUR_ACCESS_TOKEN: "tok" })).toMatchObject({
      mode: "live",
      connection: { token: "tok" },
    });
    expect(providerSettings("arthur", { ...BASE, ARTHUR_ACCESS_TOKEN: "tok" }).connection?.clientCredentials).toBeUndefined();
    const both = providerSettings("arthur", {
      ...BASE,
      ARTHUR_ACCESS_TOKEN: "tok",
      ARTHUR_CLIENT_ID: "id",
      ARTHUR_CLIENT_SECRET: "secret",
    });
    expect(both.connection).toMatchObject({ token: "", clientCredentials: { clientId: "id" } });
  });

  it("says what is missing when Arthur is not configured", () => {
    expect(providerSettings("arthur", { ROSTER_SANDBOX: "none" })).toMatchObject({
      mode: "unconfigured",
      missing: "ARTHUR_BASE_URL, ARTHUR_ACCESS_TOKEN (or ARTHUR_CLIENT_ID and ARTHUR_CLIENT_SECRET)",
    });
    expect(providerSettings("arthur", { ROSTER_SANDBOX: "none", ARTHUR_CLIENT_ID: "id", ARTHUR_CLIENT_SECRET: "s" })).toMatchObject({
      mode: "unconfigured",
      missing: "ARTHUR_BASE_URL",
    });
  });

  it("production starts no sandbox unless ROSTER_SANDBOX asks for them", () => {
    expect(sandboxedProviders({ NODE_ENV: "production" })).toEqual([]);
    expect(sandboxedProviders({ NODE_ENV: "production", ROSTER_SANDBOX: "all" })).toEqual(["openai", "astronomer", "arthur"]);
    expect(sandboxedProviders({ NODE_ENV: "production", ROSTER_SANDBOX: "arthur" })).toEqual(["arthur"]);
    expect(sandboxedProviders({ NODE_ENV: "development" })).toEqual(["openai", "astronomer", "arthur"]);
  });

  it("client credentials count as a live credential: no sandboxes by default", () => {
    expect(sandboxedProviders({})).toEqual([...PROVIDER_IDS]);
    expect(sandboxedProviders({ ARTHUR_CLIENT_ID: "id", ARTHUR_CLIENT_SECRET: "s" })).toEqual([]);
  });

  it("the sandbox signs Roster in to Arthur with client credentials: its own client id, the first sandbox token as secret", () => {
    const settings = providerSettings("arthur", { ROSTER_SANDBOX: "arthur", ROSTER_SANDBOX_TOKENS: "first,second" });
    expect(settings).toMatchObject({
      mode: "sandbox",
      connection: { token: "", clientCredentials: { clientId: "roster-sandbox", clientSecret: "first" } },
    });
    expect(providerSettings("openai", { ROSTER_SANDBOX: "all", ROSTER_SANDBOX_TOKENS: "first" }).connection).toMatchObject({
      token: "first",
    });
  });

  it("ROSTER_SANDBOX_ARTHUR_TOKEN_TTL_SECONDS is whole seconds", () => {
    expect(sandboxArthurTokenTtlSeconds({})).toBeUndefined();
    expect(sandboxArthurTokenTtlSeconds({ ROSTER_SANDBOX_ARTHUR_TOKEN_TTL_SECONDS: "2" })).toBe(2);
    expect(() => sandboxArthurTokenTtlSeconds({ ROSTER_SANDBOX_ARTHUR_TOKEN_TTL_SECONDS: "0.5" })).toThrow(
      /whole seconds from 1 to 86400, got "0.5"/,
    );
  });
});
