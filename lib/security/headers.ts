import staticHeaders from "./static-headers.json";

/**
 * Roster's security headers, in one place. `next.config.js` sends the static ones
 * (static-headers.json) on every response: pages, API, assets; the API also gets a
 * policy that lets nothing run. `proxy.ts` adds each page's Content-Security-Policy with a
 * fresh nonce, and HSTS when Roster is served over https. Why each value: README,
 * "Security headers".
 */

export const STATIC_SECURITY_HEADERS: Readonly<Record<string, string>> = staticHeaders.everyResponse;

/** Two years, subdomains too. No `preload`: joining browsers' preload list is the operator's call. */
export const HSTS_VALUE = "max-age=63072000; includeSubDomains";

export interface PageCspOptions {
  nonce: string;
  /** `next dev` only: React rebuilds server error stacks with eval. */
  dev?: boolean;
  https?: boolean;
}

/**
 * The page policy: scripts only with this response's nonce (and what those load, via
 * 'strict-dynamic'); no inline script without it. Inline styles stay allowed because Radix
 * positions popovers with style attributes and sonner injects its stylesheet at run time.
 */
export function pageCsp({ nonce, dev = false, https = false }: PageCspOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** 128 random bits, base64: unguessable and fresh for every response. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
