import { createHash } from "node:crypto";
import { z } from "zod";
import { isProviderError, ProviderError } from "./errors";
import { type BearerSource, createProviderHttp } from "./http";
import { PROVIDER_LABELS, type ProviderId } from "./types";

/**
 * OAuth 2.0 client credentials (RFC 6749 §4.4): Roster signs in with a client id and
 * secret at the token endpoint its provider's OpenID Connect discovery document names,
 * and gets a short-lived bearer token. The token is kept, renewed before it expires, and
 * renewed once when the provider refuses it (401); requests that need a token while one
 * is being fetched wait for that one, so a burst of requests makes one token request.
 *
 * What is kept lives on globalThis as plain data (token, times, promises), one entry per
 * discovery URL and client: every Next server layer, and every client built for the same
 * credentials (adapter, service-account extras), shares one token.
 */

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

interface Endpoint {
  url: string;
  /** client_secret_basic (the default) or client_secret_post. */
  basic: boolean;
}

interface Issued {
  token: string;
  expiresAt: number;
  /** From here on the next request renews it first. */
  renewAt: number;
}

/** Kept per discovery URL and client. */
export interface TokenState {
  issued: Issued | null;
  fetching: Promise<Issued> | null;
  endpoint: Promise<Endpoint> | null;
  /** When an early renewal last failed (the current token is used meanwhile). */
  failedAt: number;
}

export interface ClientCredentialsOptions {
  provider: ProviderId;
  /** The provider's OpenID Connect discovery document. */
  discoveryUrl: string;
  credentials: ClientCredentials;
  timeoutMs?: number;
  /** The provider's own words from a non-OAuth error body. */
  errorMessage: (body: unknown, status: number) => string | null;
  /** Where tokens are kept; the process-wide store by default. */
  store?: Map<string, TokenState>;
  now?: () => number;
}

/** Used when the token answer has no `expires_in` (RFC 6749 makes it recommended, not required). */
const DEFAULT_LIFETIME_S = 300;
/** Renew this much before expiry: a quarter of the lifetime, at most a minute. */
const MAX_EARLY_MS = 60_000;
/** After a failed early renewal, keep using the current token this long before trying again. */
const EARLY_RETRY_MS = 2_000;

const discoverySchema = z.looseObject({
  token_endpoint: z.url({ protocol: /^https?$/, error: "token_endpoint must be an http(s) URL" }),
  token_endpoint_auth_methods_supported: z.array(z.string()).optional().catch(undefined),
});

const tokenSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().optional().catch(undefined),
  expires_in: z.coerce.number().positive().optional().catch(undefined),
});

const oauthErrorSchema = z.looseObject({ error: z.string().min(1), error_description: z.string().optional().catch(undefined) });

/** An OAuth error body (RFC 6749 §5.2) in its own words: "description (code)". */
export function oauthErrorMessage(body: unknown): string | null {
  const parsed = oauthErrorSchema.safeParse(body);
  if (!parsed.success) return null;
  const { error, error_description: description } = parsed.data;
  return description?.trim() ? `${error}: ${description.trim()}` : error;
}

const shared = globalThis as unknown as { __rosterClientTokens?: Map<string, TokenState> };

function stateIn(store: Map<string, TokenState>, key: string): TokenState {
  let state = store.get(key);
  if (!state) {
    state = { issued: null, fetching: null, endpoint: null, failedAt: 0 };
    store.set(key, state);
  }
  return state;
}

/** RFC 6749 §2.3.1: id and secret form-encoded, then joined and base64-encoded. */
function basicAuth({ clientId, clientSecret }: ClientCredentials): string {
  const encode = (value: string) => encodeURIComponent(value).replace(/%20/g, "+");
  return `Basic ${Buffer.from(`${encode(clientId)}:${encode(clientSecret)}`).toString("base64")}`;
}

export function clientCredentialsBearer(options: ClientCredentialsOptions): BearerSource {
  const { provider, discoveryUrl, credentials, timeoutMs, errorMessage } = options;
  const label = PROVIDER_LABELS[provider];
  const now = options.now ?? Date.now;
  const store = options.store ?? (shared.__rosterClientTokens ??= new Map());
  const secretHash = createHash("sha256").update(credentials.clientSecret).digest("base64url");
  const state = stateIn(store, `${discoveryUrl}\n${credentials.clientId}\n${secretHash}`);
  const http = (baseUrl: string, said: (body: unknown, status: number) => string | null) =>
    createProviderHttp({ provider, baseUrl, token: "", timeoutMs, errorMessage: said });

  function discover(): Promise<Endpoint> {
    state.endpoint ??= http(new URL(discoveryUrl).origin, errorMessage)
      .request({ path: new URL(discoveryUrl).pathname, schema: discoverySchema, authorization: "" })
      .then((doc) => {
        const methods = doc.token_endpoint_auth_methods_supported;
        // Basic is the default (OpenID Connect Discovery); the body only when Basic is not offered.
        const basic = !methods || methods.includes("client_secret_basic") || !methods.includes("client_secret_post");
        return { url: doc.token_endpoint, basic };
      });
    return state.endpoint;
  }

  async function fetchToken(): Promise<Issued> {
    const endpoint = await discover();
    const url = new URL(endpoint.url);
    const sentAt = now();
    let answer: z.infer<typeof tokenSchema>;
    try {
      answer = await http(url.origin, (body, status) => oauthErrorMessage(body) ?? errorMessage(body, status)).request({
        method: "POST",
        path: url.pathname + url.search,
        form: endpoint.basic
          ? { grant_type: "client_credentials" }
          : { grant_type: "client_credentials", client_id: credentials.clientId, client_secret: credentials.clientSecret },
        authorization: endpoint.basic ? basicAuth(credentials) : "",
        schema: tokenSchema,
        // A second token request is harmless: retried like a read.
        idempotent: true,
      });
    } catch (error) {
      if (isProviderError(error) && error.kind === "http" && (error.status === 400 || error.status === 401)) {
        throw new ProviderError({
          provider,
          kind: "http",
          status: error.status,
          message: `${label}'s sign-in refused Roster's client credentials (client id "${credentials.clientId}"): ${error.message}`,
          requestId: error.requestId,
        });
      }
      throw error;
    }
    if (answer.token_type && answer.token_type.toLowerCase() !== "bearer") {
      throw new ProviderError({
        provider,
        kind: "malformed",
        status: 200,
        message: `${label}'s sign-in issued a "${answer.token_type}" token; Roster sends Bearer tokens`,
      });
    }
    const lifetimeMs = (answer.expires_in ?? DEFAULT_LIFETIME_S) * 1000;
    // Counted from when the request was sent, so the token is never thought fresher than it is.
    const expiresAt = sentAt + lifetimeMs;
    return { token: answer.access_token, expiresAt, renewAt: expiresAt - Math.min(MAX_EARLY_MS, lifetimeMs / 4) };
  }

  /** One token request at a time; everyone who needs a token meanwhile waits for it. */
  function issue(): Promise<Issued> {
    state.fetching ??= fetchToken().then(
      (issued) => {
        state.issued = issued;
        state.fetching = null;
        return issued;
      },
      (error: unknown) => {
        state.fetching = null;
        // The endpoint may have moved: look it up again next time.
        state.endpoint = null;
        throw error;
      },
    );
    return state.fetching;
  }

  return {
    async token() {
      const current = state.issued;
      const t = now();
      if (current && t < current.renewAt) return current.token;
      if (current && t < current.expiresAt) {
        if (t - state.failedAt < EARLY_RETRY_MS) return current.token;
        try {
          return (await issue()).token;
        } catch (error) {
          // Still valid: use it, and let a later request renew.
          state.failedAt = now();
          if (now() < current.expiresAt) return current.token;
          throw error;
        }
      }
      return (await issue()).token;
    },

    async renew(rejected) {
      if (state.issued && state.issued.token !== rejected) return true; // another request renewed it already
      if (state.issued?.token === rejected) state.issued = null;
      await issue();
      return true;
    },

    refused: (said) => `${label} refused Roster's access token, also one it had just issued to Roster's client credentials: ${said}`,
  };
}
