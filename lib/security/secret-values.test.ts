import { describe, expect, it } from "vitest";
import { configuredSecrets, maskSecrets } from "./secret-values";

describe("configured secret values", () => {
  const env = {
    OPENAI_ADMIN_KEY: "sk-admin-0123456789abcdef",
    ASTRONOMER_API_TOKEN: "astroTokenValue1234",
    ARTHUR_ACCESS_TOKEN: "arthur-token-value-xyz",
    ROSTER_SANDBOX_TOKENS: "firstSandboxToken99,sandbox",
    AUTH_OIDC_CLIENT_SECRET: "oidc-client-secret-1",
    ROSTER_AUDIT_KEY: "audit-key-material-000",
    DATABASE_URL: "postgres://roster:db-password-42@db/roster",
    ROSTER_LOG_LEVEL: "debug",
    PATH: "/usr/bin",
  } as unknown as NodeJS.ProcessEnv;

  it("takes every credential-named variable (each comma-separated value), and passwords inside URLs", () => {
    expect(configuredSecrets(env).sort()).toEqual(
      [
        "sk-admin-0123456789abcdef",
        "astroTokenValue1234",
        "arthur-token-value-xyz",
        "firstSandboxToken99,sandbox",
        "firstSandboxToken99",
        "oidc-client-secret-1",
        "audit-key-material-000",
        "db-password-42",
      ].sort(),
    );
  });

  it("masks each wherever it appears, and leaves short words and other text alone", () => {
    const text = "Incorrect API key provided: astroTokenValue1234 (also arthur-token-value-xyz, firstSandboxToken99) in the sandbox";
    expect(maskSecrets(text, env)).toBe("Incorrect API key provided: [redacted] (also [redacted], [redacted]) in the sandbox");
    expect(maskSecrets("nothing secret here", env)).toBe("nothing secret here");
  });
});
