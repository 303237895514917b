import http from "node:http";
import { isIP } from "node:net";
import { ConfigError } from "../config";

/** Environment variables (process.env, or a test's own). */
type Env = Record<string, string | undefined>;

/**
 * The address a request came from, for the sign-in throttle.
 *
 * Under `next start` a route handler never sees the socket. Next fills `x-forwarded-for`
 * from the socket only when the client did not send one (`??=` in its base server), so
 * that header is whatever the client chose to write. Instead, at server start Roster
 * stamps every request with the socket's address in a header of its own
 * (`stampClientAddresses`, called from instrumentation.ts), overwriting anything the
 * client sent under that name.
 *
 * Behind a reverse proxy every request comes from the proxy, so the socket address is
 * the proxy's. With `ROSTER_TRUST_PROXY=N` (N proxies, `1` for one) Roster takes the
 * address the N-th proxy from the end wrote in `x-forwarded-for` instead: entries left
 * of it are written by the client and never trusted. Set it only when Roster is
 * reachable through the proxy alone.
 */

export const CLIENT_ADDRESS_HEADER = "x-roster-client-address";

const STAMPED = Symbol.for("roster.clientAddressStamp");

/** Wraps http.Server's `emit` so each request carries its socket address. Idempotent. */
export function stampClientAddresses(): void {
  const proto = http.Server.prototype as http.Server & { [STAMPED]?: true };
  if (proto[STAMPED]) return;
  const emit = proto.emit;
  proto.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const req = args[0] as http.IncomingMessage;
      req.headers[CLIENT_ADDRESS_HEADER] = req.socket?.remoteAddress ?? "";
    }
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  } as typeof proto.emit;
  proto[STAMPED] = true;
}

/** How many proxies in front of Roster to trust (ROSTER_TRUST_PROXY, default 0). */
export function trustedProxyCount(env: Env = process.env): number {
  const raw = env.ROSTER_TRUST_PROXY?.trim();
  if (!raw || raw === "0" || raw === "false") return 0;
  if (raw === "true") return 1;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 10) {
    throw new ConfigError(`ROSTER_TRUST_PROXY must be the number of proxies in front of Roster (0 to 10), got "${raw}"`);
  }
  return n;
}

function normalise(address: string | undefined): string | null {
  if (!address) return null;
  let a = address.trim();
  if (a.startsWith("[")) a = a.slice(1, a.indexOf("]") > 0 ? a.indexOf("]") : undefined);
  if (a.toLowerCase().startsWith("::ffff:") && isIP(a.slice(7)) === 4) a = a.slice(7);
  return isIP(a) ? a.toLowerCase() : null;
}

/** The client's address, or null when Roster cannot tell (then only the per-email limit applies). */
export function clientAddress(headers: Headers, env: Env = process.env): string | null {
  const proxies = trustedProxyCount(env);
  if (proxies > 0) {
    const hops = (headers.get("x-forwarded-for") ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    return normalise(hops[hops.length - proxies]);
  }
  return normalise(headers.get(CLIENT_ADDRESS_HEADER) ?? undefined);
}
