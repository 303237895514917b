import { describe, expect, it } from "vitest";
import { CLIENT_ADDRESS_HEADER, clientAddress } from "./client-address";
import { oidcConfig, resolveSsoRole } from "./oidc";

const base = {
  AUTH_OIDC_ISSUER: "https://idp.example.com/",
  AUTH_OIDC_CLIENT_ID: "roster",
  AUTH_OIDC_CLIENT_SECRET: "s3cret",
  AUTH_OIDC_ROLE_MAP: "roster-owners=owner, roster-admins=admin,roster-viewers=viewer",
  AUTH_OIDC_EMAIL_ROLES: "Boss@Corp.com=owner",
};

describe("single sign-on settings", () => {
  it("is off with no AUTH_OIDC_*, and names what is missing when half set", () => {
    expect(oidcConfig({})).toBeNull();
    expect(() => oidcConfig({ AUTH_OIDC_ISSUER: "https://idp.example.com" })).toThrow(
      /half configured: AUTH_OIDC_ISSUER set but AUTH_OIDC_CLIENT_ID, AUTH_OIDC_CLIENT_SECRET missing/,
    );
  });

  it("names a bad issuer, role map entry, default role, and a configuration nobody could use", () => {
    expect(() => oidcConfig({ ...base, AUTH_OIDC_ISSUER: "idp" })).toThrow(/AUTH_OIDC_ISSUER must be/);
    expect(() => oidcConfig({ ...base, AUTH_OIDC_ROLE_MAP: "roster-admins=superuser" })).toThrow(
      /AUTH_OIDC_ROLE_MAP: "roster-admins=superuser" must look like value=role/,
    );
    expect(() => oidcConfig({ ...base, AUTH_OIDC_DEFAULT_ROLE: "boss" })).toThrow(/AUTH_OIDC_DEFAULT_ROLE must be one of/);
    expect(() => oidcConfig({ ...base, AUTH_OIDC_ROLE_MAP: "", AUTH_OIDC_EMAIL_ROLES: "" })).toThrow(/no role mapping/);
  });

  it("maps an email first, then the highest role of the claim's values, then the default; else refuses", () => {
    const config = oidcConfig(base)!;
    expect(config).toMatchObject({ issuer: "https://idp.example.com", name: "SSO", roleClaim: "groups" });
    const verified = { email_verified: true };
    expect(resolveSsoRole(config, { ...verified, email: "boss@corp.com", groups: ["roster-viewers"] })).toEqual({
      role: "owner",
      email: "boss@corp.com",
    });
    expect(resolveSsoRole(config, { ...verified, email: "a@corp.com", groups: ["roster-viewers", "roster-admins", "x"] })).toMatchObject({
      role: "admin",
    });
    expect(resolveSsoRole(config, { ...verified, email: "a@corp.com", groups: "roster-viewers" })).toMatchObject({ role: "viewer" });
    expect(resolveSsoRole(config, { ...verified, email: "a@corp.com", groups: ["staff"] })).toEqual({ refused: "SsoNoRole" });
    const withDefault = oidcConfig({ ...base, AUTH_OIDC_DEFAULT_ROLE: "Viewer" })!;
    expect(resolveSsoRole(withDefault, { ...verified, email: "a@corp.com" })).toMatchObject({ role: "viewer" });
    const custom = oidcConfig({ ...base, AUTH_OIDC_ROLE_CLAIM: "roles", AUTH_OIDC_ROLE_MAP: "Roster.Admin=admin" })!;
    expect(resolveSsoRole(custom, { ...verified, email: "a@corp.com", roles: ["Roster.Admin"] })).toMatchObject({ role: "admin" });
  });

  it("requires a verified email, in an allowed domain when domains are listed", () => {
    const config = oidcConfig({ ...base, AUTH_OIDC_ALLOWED_DOMAINS: "corp.com, @corp.eu" })!;
    const admin = { groups: ["roster-admins"] };
    expect(resolveSsoRole(config, { ...admin })).toEqual({ refused: "SsoNoEmail" });
    expect(resolveSsoRole(config, { ...admin, email: "a@corp.com" })).toEqual({ refused: "SsoEmailUnverified" });
    expect(resolveSsoRole(config, { ...admin, email: "a@corp.com", email_verified: false })).toEqual({ refused: "SsoEmailUnverified" });
    expect(resolveSsoRole(config, { ...admin, email: "a@evil.com", email_verified: true })).toEqual({ refused: "SsoDomain" });
    expect(resolveSsoRole(config, { ...admin, email: "a@corp.com.evil.com", email_verified: true })).toEqual({ refused: "SsoDomain" });
    expect(resolveSsoRole(config, { ...admin, email: "a@CORP.eu", email_verified: true })).toMatchObject({ role: "admin" });
  });
});

describe("client address", () => {
  const headers = (h: Record<string, string>) => new Headers(h);

  it("uses the address stamped from the socket and ignores a client's x-forwarded-for", () => {
    const h = headers({ [CLIENT_ADDRESS_HEADER]: "::ffff:127.0.0.1", "x-forwarded-for": "203.0.113.9" });
    expect(clientAddress(h, {})).toBe("127.0.0.1");
    expect(clientAddress(headers({ "x-forwarded-for": "203.0.113.9" }), {})).toBeNull();
  });

  it("with ROSTER_TRUST_PROXY=N takes the address the outermost trusted proxy saw", () => {
    const h = headers({ [CLIENT_ADDRESS_HEADER]: "10.0.0.2", "x-forwarded-for": "1.2.3.4, 203.0.113.9, 10.0.0.1" });
    expect(clientAddress(h, { ROSTER_TRUST_PROXY: "1" })).toBe("10.0.0.1");
    expect(clientAddress(h, { ROSTER_TRUST_PROXY: "2" })).toBe("203.0.113.9");
    expect(clientAddress(headers({ "x-forwarded-for": "not an address" }), { ROSTER_TRUST_PROXY: "1" })).toBeNull();
    expect(() => clientAddress(h, { ROSTER_TRUST_PROXY: "yes please" })).toThrow(/ROSTER_TRUST_PROXY must be/);
  });
});
