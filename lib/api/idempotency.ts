import { createHash } from "node:crypto";
import { and, eq, lt, sql } from "drizzle-orm";
import { getDb } from "../db";
import { idempotencyKeys } from "../db/schema";
import { ApiError } from "./errors";

/**
 * `Idempotency-Key` (the IETF httpapi draft's header) on any change, from the browser or a
 * script: the first request with a key runs and its answer (status and body) is stored; any
 * later request with that key, from that operator, within IDEMPOTENCY_WINDOW_S gets the same
 * answer (marked `Idempotent-Replayed: true`) and changes nothing. A repeat that arrives while
 * the first still runs waits for its answer. The same key on a different request (method,
 * path, query or body) is refused with 422 `idempotency_key_reused`. Stored in the database,
 * so every Roster server honours it. An answer that carries a secret (a new client secret) is
 * not stored: its repeats are told the request already ran (409 `idempotency_secret_not_kept`).
 */

export const IDEMPOTENCY_HEADER = "idempotency-key";
export const IDEMPOTENCY_WINDOW_S = 24 * 60 * 60;
/** How long a repeat waits for the first request's answer before it is told to try again. */
const WAIT_MS = 60_000;
const POLL_MS = 100;
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
/** Set on an answer that carries a secret by a route whose answers do so only sometimes (lib/api/answers.ts). */
export const SECRET_ANSWER_HEADER = "roster-secret-answer";
/** Stored in place of an answer that carried a secret. */
const SECRET_WITHHELD = "secret-withheld";

interface Stored {
  status: number;
  contentType: string | null;
  body: string;
}

/** JSON with object keys sorted, so the same request written in another key order matches. */
function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`)
      .join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

export function fingerprint(request: Request, input: { query: unknown; body: unknown }): string {
  const url = new URL(request.url);
  return createHash("sha256")
    .update(stable([request.method, url.pathname, input.query ?? null, input.body ?? null]))
    .digest("hex");
}

/** The header's key, or null when none was sent; a malformed one is a 422 naming the header. */
export function idempotencyKey(request: Request): string | null {
  const raw = request.headers.get(IDEMPOTENCY_HEADER);
  if (raw === null) return null;
  const key = raw.trim().replace(/^"(.*)"$/, "$1");
  if (!KEY_PATTERN.test(key)) {
    throw new ApiError("invalid_input", "Idempotency-Key: must be 1 to 255 visible ASCII characters", [
      { field: "Idempotency-Key", message: "must be 1 to 255 visible ASCII characters" },
    ]);
  }
  return key;
}

function replay(stored: Stored): Response {
  if (stored.contentType === SECRET_WITHHELD) {
    throw new ApiError(
      "idempotency_secret_not_kept",
      `This request already ran with this Idempotency-Key (it answered HTTP ${stored.status}); its answer held a secret, which Roster does not keep`,
    );
  }
  const headers = new Headers({ "cache-control": "no-store", "idempotent-replayed": "true" });
  if (stored.contentType) headers.set("content-type", stored.contentType);
  return new Response(stored.body, { status: stored.status, headers });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `answer` once per (operator, key): claims the key (an insert that only one request
 * wins), runs, and stores the answer; a request that loses the claim replays the stored
 * answer, waiting for it while the first runs.
 */
export async function idempotent(
  request: Request,
  operatorId: string,
  key: string,
  print: string,
  answer: () => Promise<Response>,
  secret = false,
): Promise<Response> {
  const db = await getDb();
  const expired = lt(idempotencyKeys.createdAt, sql`now() - make_interval(secs => ${IDEMPOTENCY_WINDOW_S})`);
  await db.delete(idempotencyKeys).where(expired);
  const claimed = await db
    .insert(idempotencyKeys)
    .values({ operatorId, key, fingerprint: print })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (claimed.length === 0) return repeat(operatorId, key, print);

  const mine = and(eq(idempotencyKeys.operatorId, operatorId), eq(idempotencyKeys.key, key));
  let response: Response;
  try {
    response = await answer();
  } catch (error) {
    // Nothing to replay: free the key so the client may try again.
    await db.delete(idempotencyKeys).where(mine);
    throw error;
  }
  // A 202 (a change waiting for approval) never carries a secret; a marked answer always does.
  const withheld = response.ok && ((secret && response.status !== 202) || response.headers.has(SECRET_ANSWER_HEADER));
  const body = withheld ? "" : await response.clone().text();
  const contentType = withheld ? SECRET_WITHHELD : response.headers.get("content-type");
  await db.update(idempotencyKeys).set({ status: response.status, contentType, body }).where(mine);
  return response;
}

async function repeat(operatorId: string, key: string, print: string): Promise<Response> {
  const db = await getDb();
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const [row] = await db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.operatorId, operatorId), eq(idempotencyKeys.key, key)));
    if (!row) {
      throw new ApiError("idempotency_key_in_progress", "A request with this Idempotency-Key failed to finish: send it again");
    }
    if (row.fingerprint !== print) {
      throw new ApiError(
        "idempotency_key_reused",
        "Idempotency-Key: this key was already used for a different request (use a new key for a new request)",
        [{ field: "Idempotency-Key", message: "already used for a different request" }],
      );
    }
    if (row.status !== null) return replay({ status: row.status, contentType: row.contentType, body: row.body ?? "" });
    if (Date.now() > deadline) {
      throw new ApiError("idempotency_key_in_progress", "A request with this Idempotency-Key is still running: try again in a moment");
    }
    await sleep(POLL_MS);
  }
}
