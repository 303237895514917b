import { NextResponse, type NextRequest } from "next/server";
import { HSTS_VALUE, newNonce, pageCsp } from "@/lib/security/headers";

/**
 * Every page answer gets a Content-Security-Policy with a nonce made for this response
 * alone, prefetches (`Purpose: prefetch`, `Next-Router-Prefetch: 1`) included. Next reads
 * the nonce from the request's CSP header and puts it on its own scripts; the root layout
 * reads `x-nonce` for the theme script. Both request headers are always overwritten here,
 * so a nonce a client sends never reaches the page. The static headers come from
 * next.config.js; the API and build assets are not matched (see `config`).
 */
export function proxy(request: NextRequest) {
  const nonce = newNonce();
  // Over https, or behind a TLS proxy that says so (Next reads X-Forwarded-Proto). Over
  // plain http browsers ignore HSTS, and upgrading requests would break the page.
  const https = request.nextUrl.protocol === "https:";
  const csp = pageCsp({ nonce, https, dev: process.env.NODE_ENV === "development" });

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  if (https) response.headers.set("Strict-Transport-Security", HSTS_VALUE);
  return response;
}

export const config = {
  matcher: [
    {
      // Not the API (its bodies would be buffered here for nothing; next.config.js gives it
      // headers), nor hashed build assets and icons, which run no inline code.
      // Prefetches too: a page answer without its policy would run any injected script.
      source: "/((?!api/|_next/static/|_next/image|favicon\\.svg).*)",
    },
  ],
};
