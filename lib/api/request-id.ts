import { randomUUID } from "node:crypto";

/**
 * The request id: the client's `x-request-id` when it is short and plain (at most 64
 * characters of letters, digits, `.`, `_`, `-`), otherwise one made here. It is echoed in
 * answers and stored in audit rows, so nothing longer or stranger is taken.
 */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export function requestIdOf(request: Request): string {
  const sent = request.headers.get("x-request-id")?.trim();
  return sent && SAFE_REQUEST_ID.test(sent) ? sent : randomUUID();
}
