import { createHash, randomBytes } from "node:crypto";
import type { SandboxRequest, SandboxResponse, SandboxRoute } from "../../sandbox/server";
import type { ArthurSandboxState } from "./sandbox-state";

/**
 * The Arthur sandbox's sign-in: the OpenID Connect discovery document Arthur publishes at
 * /api/v1/auth/oidc/.well-known/openid-configuration, and a token endpoint on the path of
 * Arthur's Keycloak (the spec's tokenUrl) that grants OAuth2 client credentials (RFC 6749
 * §4.4) to the service accounts the sandbox knows and to the configured client. The tokens
 * it issues are random, short-lived (a setting) and accepted until they expire.
 */

export const SANDBOX_TOKEN_PATH = "/realms/arthur/protocol/openid-connect/token";
export const DISCOVERY_PATH = "/api/v1/auth/oidc/.well-known/openid-configuration";
export const DEFAULT_TOKEN_TTL_SECONDS = 300;

export interface SandboxSignInOptions {
  /** Lifetime of an issued token. */
  tokenTtlSeconds?: number;
  /** A client the sandbox always accepts, with any of these secrets (Roster's own, in the demo). */
  client?: { clientId: string; secrets: string[] };
}

export interface SandboxSignIn {
  routes: SandboxRoute[];
  /** Whether a bearer token is one this sandbox issued and has not expired. */
  accepts(token: string): boolean;
}

const sha256 = (value: string) => createHash("sha256").update(value).digest("base64url");

/** RFC 6749 §5.2 error answer, as Keycloak sends it. */
function oauthError(status: number, error: string, description: string, headers?: Record<string, string>): SandboxResponse {
  return { status, body: { error, error_description: description }, headers: { "cache-control": "no-store", ...headers } };
}

/** Basic credentials (each part form-encoded, RFC 6749 §2.3.1), or null when absent or unreadable. */
function basicCredentials(header: string | undefined): { id: string; secret: string } | null {
  const encoded = /^Basic\s+(\S+)$/i.exec(header ?? "")?.[1];
  if (!encoded) return null;
  const text = Buffer.from(encoded, "base64").toString("utf8");
  const colon = text.indexOf(":");
  if (colon < 0) return null;
  const decode = (part: string) => decodeURIComponent(part.replace(/\+/g, " "));
  try {
    return { id: decode(text.slice(0, colon)), secret: decode(text.slice(colon + 1)) };
  } catch {
    return null;
  }
}

export function sandboxSignIn(state: ArthurSandboxState, options: SandboxSignInOptions = {}): SandboxSignIn {
  const ttlSeconds = options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
  const configured = new Set((options.client?.secrets ?? []).map(sha256));
  const issued = new Map<string, number>();

  const knownClient = (id: string, secret: string) =>
    (id === options.client?.clientId && configured.has(sha256(secret))) || state.clientSecretMatches(id, secret);

  function discovery(req: SandboxRequest): SandboxResponse {
    const origin = `http://${req.headers.host ?? "127.0.0.1"}`;
    return {
      status: 200,
      body: {
        issuer: `${origin}/realms/arthur`,
        token_endpoint: `${origin}${SANDBOX_TOKEN_PATH}`,
        grant_types_supported: ["client_credentials"],
        token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
      },
    };
  }

  function token(req: SandboxRequest): SandboxResponse {
    const type = req.headers["content-type"] ?? "";
    if (!/^application\/x-www-form-urlencoded\b/i.test(type) || !req.body || typeof req.body !== "object") {
      return oauthError(400, "invalid_request", "The request must be application/x-www-form-urlencoded");
    }
    const form = req.body as Record<string, string>;
    const basic = basicCredentials(req.headers.authorization);
    if (basic && form.client_id !== undefined && form.client_id !== basic.id) {
      return oauthError(400, "invalid_request", "The client authenticated in more than one way");
    }
    if (basic && form.client_secret !== undefined)
      return oauthError(400, "invalid_request", "The client authenticated in more than one way");
    if (!form.grant_type) return oauthError(400, "invalid_request", "Missing form parameter: grant_type");
    if (form.grant_type !== "client_credentials")
      return oauthError(400, "unsupported_grant_type", `Unsupported grant_type: ${form.grant_type}`);
    const id = basic?.id ?? form.client_id;
    const secret = basic?.secret ?? form.client_secret;
    if (!id || !secret || !knownClient(id, secret)) {
      return oauthError(
        401,
        "invalid_client",
        "Invalid client or Invalid client credentials",
        basic ? { "www-authenticate": 'Basic realm="arthur"' } : {},
      );
    }
    const now = Date.now();
    for (const [value, expiresAt] of issued) if (expiresAt <= now) issued.delete(value);
    const accessToken = randomBytes(24).toString("base64url");
    issued.set(accessToken, now + ttlSeconds * 1000);
    return {
      status: 200,
      body: { access_token: accessToken, token_type: "Bearer", expires_in: ttlSeconds, scope: "" },
      headers: { "cache-control": "no-store", pragma: "no-cache" },
    };
  }

  return {
    routes: [
      { method: "GET", pattern: DISCOVERY_PATH, public: true, handler: discovery },
      { method: "POST", pattern: SANDBOX_TOKEN_PATH, public: true, handler: token },
    ],
    accepts: (value) => (issued.get(value) ?? 0) > Date.now(),
  };
}
