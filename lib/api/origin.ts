import { trustedProxyCount } from "../auth/client-address";
import { ApiError } from "./errors";

/** Environment variables (process.env, or a test's own). */
type Env = Record<string, string | undefined>;

const refused = (why: string) => new ApiError("cross_origin", `Changes must come from Roster itself (${why})`);

/**
 * Roster's own origin (scheme, host and port): `NEXTAUTH_URL`'s when set; otherwise the
 * request's, where `X-Forwarded-Host`/`-Proto` count only behind a trusted proxy
 * (`ROSTER_TRUST_PROXY`): anyone else could write them.
 */
export function ownOrigin(request: Request, env: Env = process.env): string | null {
  const configured = env.NEXTAUTH_URL?.trim();
  if (configured) {
    try {
      return new URL(configured).origin;
    } catch {
      /* a bad NEXTAUTH_URL is refused at start; fall back to the request */
    }
  }
  const proxied = trustedProxyCount(env) > 0;
  const first = (name: string) => request.headers.get(name)?.split(",")[0]?.trim() || null;
  const host = (proxied ? first("x-forwarded-host") : null) ?? request.headers.get("host");
  const proto = (proxied ? first("x-forwarded-proto") : null) ?? new URL(request.url).protocol.replace(/:$/, "");
  if (!host || !/^https?$/i.test(proto)) return null;
  try {
    return new URL(`${proto.toLowerCase()}://${host}`).origin;
  } catch {
    return null;
  }
}

/** Changes must come from Roster's own pages: the Origin (or Referer) must be Roster's own origin. */
export function assertSameOrigin(request: Request, env: Env = process.env): void {
  const source = request.headers.get("origin") || request.headers.get("referer");
  const own = ownOrigin(request, env);
  if (!source || !own) throw refused("missing Origin");
  let sourceOrigin: string;
  try {
    sourceOrigin = new URL(source).origin;
  } catch {
    throw refused("bad Origin");
  }
  if (sourceOrigin !== own) throw refused("cross-origin request refused");
  // Browsers also say where a request comes from; only Roster's own pages (or the user) may change things.
  const site = request.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") throw refused("cross-site request refused");
}
