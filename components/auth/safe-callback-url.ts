/**
 * Where to go after signing in. Only a same-site path is accepted: it must start with a
 * single "/" (not "//" or "/\", which browsers treat as another host); anything else,
 * including absolute URLs, falls back to the home page.
 */
export function safeCallbackUrl(value: unknown, fallback = "/"): string {
  const candidate = Array.isArray(value) ? value[0] : value;
  if (typeof candidate !== "string" || candidate.length > 2_000) return fallback;
  if (!candidate.startsWith("/") || candidate.startsWith("//")) return fallback;
  // Backslashes and control characters have no place in our paths and can smuggle a host.
  if (/[\\\u0000-\u001f\u007f]/.test(candidate)) return fallback;
  if (candidate === "/signin" || candidate.startsWith("/signin?") || candidate.startsWith("/signin/")) return fallback;
  return candidate;
}
