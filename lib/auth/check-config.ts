import { isConfigError } from "../config";
import { trustedProxyCount } from "./client-address";
import { oidcConfig } from "./oidc";
import { maxPerAddress } from "./throttle";
import { log } from "../log";

/** Environment variables (process.env, or a test's own). */
type Env = Record<string, string | undefined>;

/**
 * Reads every sign-in setting once at server start, so a bad or half-set one stops the
 * server with a message naming it rather than failing sign-ins later.
 */
export function checkSignInConfig(env: Env = process.env, exit: (code: number) => never = process.exit): void {
  try {
    trustedProxyCount(env);
    maxPerAddress(env);
    const sso = oidcConfig(env);
    if (sso) log.info(`single sign-on through ${sso.issuer} ("Sign in with ${sso.name}")`);
  } catch (error) {
    if (!isConfigError(error)) throw error;
    log.error(`${error.message}`);
    exit(1);
  }
}
