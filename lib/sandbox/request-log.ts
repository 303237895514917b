/**
 * What a sandbox remembers of the requests it served, for tests and for
 * `GET /__sandbox/requests`: each request with its JSON answer, secrets redacted, so
 * the log never echoes a one-time password or a generated secret.
 */

export interface RecordedRequest {
  method: string;
  /** Path below the base path. */
  path: string;
  pattern: string | null;
  query: Array<[string, string]>;
  /** The JSON request body, secrets redacted. */
  body: unknown;
  /** 0 until answered; -1 when a fault hangs the request. */
  status: number;
  /**
   * The JSON answer as it went over the wire, secrets redacted. Undefined for an empty or
   * non-JSON answer, and for the oldest answers once the log holds MAX_RETAINED_RESPONSE_CHARS.
   */
  responseBody?: unknown;
  time: string;
}

export const REDACTED = "[redacted]";
const MAX_RECORDED = 5_000;
/** Answers of 50,000-member lists would otherwise keep gigabytes alive in a long-running sandbox. */
const MAX_RETAINED_RESPONSE_CHARS = 10_000_000;

const SECRET_WORDS = new Set(["password", "secret", "credential", "credentials"]);
const MAY_BE_SECRET = /password|secret|token|credential/i;

/**
 * `password`, `client_secret`, `secretKey`, `credentials`, `access_token`, `apiToken`. A token
 * only as the last word: `token_type` and `apiTokenName` name no secret.
 */
export function isSecretKey(key: string): boolean {
  if (!MAY_BE_SECRET.test(key)) return false;
  const words = key.split(/[_\-\s]+|(?<=[a-z0-9])(?=[A-Z])/).map((word) => word.toLowerCase());
  return words.some((word) => SECRET_WORDS.has(word)) || words.at(-1) === "token";
}

/** Every string inside becomes the placeholder; the shape stays, so a contract check still applies. */
function mask(value: unknown): unknown {
  if (typeof value === "string") return REDACTED;
  if (Array.isArray(value)) return value.map(mask);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mask(v)]));
  return value;
}

/** Form fields with every secret redacted (an OAuth token request's `client_secret`). */
export function redactFields(fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, isSecretKey(key) ? REDACTED : value]));
}

/** JSON text as a value with every secret redacted; undefined when the text is not JSON. */
export function parseRedacted(text: string): unknown {
  try {
    // A reviver is several times slower than a plain parse; most answers need none.
    if (!MAY_BE_SECRET.test(text)) return JSON.parse(text);
    return JSON.parse(text, (key, value: unknown) => (isSecretKey(key) ? mask(value) : value));
  } catch {
    return undefined;
  }
}

export interface RequestLog {
  /** Oldest first; tests may read it and empty it (`length = 0`). */
  requests: RecordedRequest[];
  add(record: RecordedRequest): void;
  /** Records the answer `text` (JSON, or undefined when there was no body) of `record`. */
  answered(record: RecordedRequest, status: number, text: string | undefined): void;
  clear(): void;
}

export function createRequestLog(maxRetainedChars = MAX_RETAINED_RESPONSE_CHARS): RequestLog {
  const requests: RecordedRequest[] = [];
  const sizes = new WeakMap<RecordedRequest, number>();
  // May overcount after records leave the log; the next trim recounts.
  let retained = 0;

  function trim() {
    let kept = 0;
    for (let i = requests.length - 1; i >= 0; i--) {
      const size = sizes.get(requests[i]);
      if (size === undefined) continue;
      if (kept + size <= maxRetainedChars) kept += size;
      else {
        delete requests[i].responseBody;
        sizes.delete(requests[i]);
      }
    }
    retained = kept;
  }

  return {
    requests,
    add(record) {
      if (requests.length >= MAX_RECORDED) requests.shift();
      requests.push(record);
    },
    answered(record, status, text) {
      record.status = status;
      if (text === undefined) return;
      // Parsed (and redacted) when first read, not on every answer: a sync of 50,000
      // members would otherwise spend as long re-reading the sandbox's answers as writing them.
      let parsed: { body: unknown } | null = null;
      Object.defineProperty(record, "responseBody", {
        enumerable: true,
        configurable: true,
        get: () => (parsed ??= { body: parseRedacted(text) }).body,
      });
      sizes.set(record, text.length);
      retained += text.length;
      if (retained > maxRetainedChars) trim();
    },
    clear() {
      requests.length = 0;
      retained = 0;
    },
  };
}
