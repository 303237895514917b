import { normaliseEmail } from "../email";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { ConfigError } from "../config";
import { ROSTER_ROLES, isRosterRole, roleRank, type RosterRole } from "./roles";
import type { SsoRefusal } from "./sso-messages";

/** Environment variables (process.env, or a test's own). */
type Env = Record<string, string | undefined>;

/**
 * Single sign-on through OpenID Connect (next-auth's OAuth provider with discovery),
 * on when AUTH_OIDC_ISSUER, AUTH_OIDC_CLIENT_ID and AUTH_OIDC_CLIENT_SECRET are all set.
 *
 * Who gets which Roster role, checked in this order at every SSO sign-in:
 *  1. the email must be present and `email_verified` true, and, when
 *     AUTH_OIDC_ALLOWED_DOMAINS is set, in one of those domains;
 *  2. AUTH_OIDC_EMAIL_ROLES (`alice@corp.com=admin,…`) names the role for that email; else
 *  3. the highest role that AUTH_OIDC_ROLE_MAP (`roster-admins=admin,…`) gives any value of
 *     the claim AUTH_OIDC_ROLE_CLAIM (default `groups`; a string or a list); else
 *  4. AUTH_OIDC_DEFAULT_ROLE; when unset, the sign-in is refused.
 */

export const OIDC_PROVIDER_ID = "oidc";

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  name: string;
  scope: string;
  roleClaim: string;
  roleMap: Map<string, RosterRole>;
  emailRoles: Map<string, RosterRole>;
  defaultRole: RosterRole | null;
  allowedDomains: string[];
}

function list(raw: string | undefined): string[] {
  return (raw ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

function pairs(name: string, raw: string | undefined, lowerKeys: boolean): Map<string, RosterRole> {
  const map = new Map<string, RosterRole>();
  for (const entry of list(raw)) {
    const at = entry.lastIndexOf("=");
    const key = at > 0 ? entry.slice(0, at).trim() : "";
    const role =
      at > 0
        ? entry
            .slice(at + 1)
            .trim()
            .toLowerCase()
        : "";
    if (!key || !isRosterRole(role)) {
      throw new ConfigError(`${name}: "${entry}" must look like value=role, with role one of ${ROSTER_ROLES.join(", ")}`);
    }
    map.set(lowerKeys ? key.toLowerCase() : key, role);
  }
  return map;
}

/** The SSO settings, null when SSO is off; a ConfigError names what is wrong. */
export function oidcConfig(env: Env = process.env): OidcConfig | null {
  const required = ["AUTH_OIDC_ISSUER", "AUTH_OIDC_CLIENT_ID", "AUTH_OIDC_CLIENT_SECRET"] as const;
  const set = required.filter((k) => env[k]?.trim());
  if (set.length === 0) return null;
  if (set.length < required.length) {
    const missing = required.filter((k) => !set.includes(k));
    throw new ConfigError(
      `Single sign-on is half configured: ${set.join(", ")} set but ${missing.join(", ")} missing. Set all three, or none.`,
    );
  }
  const issuer = env.AUTH_OIDC_ISSUER!.trim().replace(/\/+$/, "");
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new ConfigError(`AUTH_OIDC_ISSUER must be the identity provider's issuer URL, got "${issuer}"`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new ConfigError(`AUTH_OIDC_ISSUER must be an https URL, got "${issuer}"`);
  }
  const rawDefault = env.AUTH_OIDC_DEFAULT_ROLE?.trim().toLowerCase();
  if (rawDefault && !isRosterRole(rawDefault)) {
    throw new ConfigError(`AUTH_OIDC_DEFAULT_ROLE must be one of ${ROSTER_ROLES.join(", ")}, got "${env.AUTH_OIDC_DEFAULT_ROLE}"`);
  }
  const config: OidcConfig = {
    issuer,
    clientId: env.AUTH_OIDC_CLIENT_ID!.trim(),
    clientSecret: env.AUTH_OIDC_CLIENT_SECRET!.trim(),
    name: env.AUTH_OIDC_NAME?.trim() || "SSO",
    scope: env.AUTH_OIDC_SCOPE?.trim() || "openid email profile",
    roleClaim: env.AUTH_OIDC_ROLE_CLAIM?.trim() || "groups",
    roleMap: pairs("AUTH_OIDC_ROLE_MAP", env.AUTH_OIDC_ROLE_MAP, false),
    emailRoles: pairs("AUTH_OIDC_EMAIL_ROLES", env.AUTH_OIDC_EMAIL_ROLES, true),
    defaultRole: rawDefault && isRosterRole(rawDefault) ? rawDefault : null,
    allowedDomains: list(env.AUTH_OIDC_ALLOWED_DOMAINS).map((d) => d.toLowerCase().replace(/^@/, "")),
  };
  if (!config.roleMap.size && !config.emailRoles.size && !config.defaultRole) {
    throw new ConfigError(
      "Single sign-on has no role mapping, so nobody could sign in with it: set AUTH_OIDC_ROLE_MAP, AUTH_OIDC_EMAIL_ROLES or AUTH_OIDC_DEFAULT_ROLE.",
    );
  }
  return config;
}

/** Like oidcConfig, but never throws (the server start reports a bad configuration and stops). */
export function oidcConfigOrNull(env: Env = process.env): OidcConfig | null {
  try {
    return oidcConfig(env);
  } catch {
    return null;
  }
}

export type OidcClaims = Record<string, unknown>;

/** The Roster role the claims earn, or why there is none. */
export function resolveSsoRole(config: OidcConfig, claims: OidcClaims): { role: RosterRole; email: string } | { refused: SsoRefusal } {
  const email = typeof claims.email === "string" ? normaliseEmail(claims.email) : "";
  if (!email || !email.includes("@")) return { refused: "SsoNoEmail" };
  if (claims.email_verified !== true && claims.email_verified !== "true") return { refused: "SsoEmailUnverified" };
  const domain = email.slice(email.lastIndexOf("@") + 1);
  if (config.allowedDomains.length && !config.allowedDomains.includes(domain)) return { refused: "SsoDomain" };

  const byEmail = config.emailRoles.get(email);
  if (byEmail) return { role: byEmail, email };
  const raw = claims[config.roleClaim];
  const values = Array.isArray(raw) ? raw.filter((v): v is string => typeof v === "string") : typeof raw === "string" ? [raw] : [];
  let best: RosterRole | null = null;
  for (const value of values) {
    const role = config.roleMap.get(value);
    if (role && (!best || roleRank(role) > roleRank(best))) best = role;
  }
  if (best) return { role: best, email };
  if (config.defaultRole) return { role: config.defaultRole, email };
  return { refused: "SsoNoRole" };
}

/** next-auth's provider for the configured identity provider. */
export function oidcProvider(config: OidcConfig): OAuthConfig<OidcClaims> {
  return {
    id: OIDC_PROVIDER_ID,
    name: config.name,
    type: "oauth",
    wellKnown: `${config.issuer}/.well-known/openid-configuration`,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    authorization: { params: { scope: config.scope } },
    checks: ["pkce", "state"],
    idToken: true,
    // The ID token is checked (signature, issuer, audience); the userinfo answer adds the
    // claims many providers keep out of the ID token (email, groups).
    userinfo: {
      async request({ client, tokens }) {
        // next-auth hands over openid-client's TokenSet (its types say only the fields).
        const set = tokens as unknown as { id_token?: string; access_token?: string; claims(): OidcClaims };
        const fromIdToken = set.id_token ? set.claims() : {};
        const info = set.access_token ? await client.userinfo(set as never) : {};
        return { ...info, ...fromIdToken };
      },
    },
    profile(claims) {
      const email = typeof claims.email === "string" ? claims.email : null;
      const name = typeof claims.name === "string" && claims.name.trim() ? claims.name : (email?.split("@")[0] ?? String(claims.sub));
      return { id: String(claims.sub), email, name };
    },
  };
}
