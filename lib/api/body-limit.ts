import { ApiError } from "./errors";

/**
 * Request bodies are read with a ceiling: 1 MiB is far more than any Roster route (or a
 * sign-in form) needs. A declared `Content-Length` over it is refused before a byte is
 * read; a body without one (chunked) is read as a stream and dropped the moment it
 * passes the limit, so nobody can make the server hold a large body in memory.
 */

export const MAX_BODY_BYTES = 1024 * 1024;

export function bodyTooLarge(max = MAX_BODY_BYTES): ApiError {
  return new ApiError("payload_too_large", `body: larger than ${max} bytes (1 MiB); send less`, [
    { field: "body", message: `at most ${max} bytes` },
  ]);
}

/** Refuses a declared length over the limit (no read). */
export function assertDeclaredLength(request: Request, max = MAX_BODY_BYTES): void {
  const declared = request.headers.get("content-length");
  if (declared !== null && /^\s*\d+\s*$/.test(declared) && Number(declared) > max) throw bodyTooLarge(max);
}

/** The body as text, at most `max` bytes; throws 413 (and stops reading) past it. */
export async function readBodyText(request: Request, max = MAX_BODY_BYTES): Promise<string> {
  assertDeclaredLength(request, max);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      throw bodyTooLarge(max);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
