import { isSecretName, maskSecrets } from "./security/secret-values";
import pino, { type DestinationStream, type Logger, type LoggerOptions } from "pino";

/**
 * Roster's one server logger: JSON lines on stdout (and in `ROSTER_LOG_FILE` when set),
 * level from `ROSTER_LOG_LEVEL` (default `info`). Credentials never reach a log line:
 * every argument is scrubbed before pino sees it (secret-named keys at any depth, bearer
 * tokens, API keys, JWTs and session cookies inside strings and error messages), and
 * pino's own `redact` covers the usual paths once more.
 */

export const REDACTED = "[redacted]";

const LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
type Level = (typeof LEVELS)[number];

/** Key names (compared without case, `-` or `_`) whose values are credentials. */
export const isSecretKey = isSecretName;

/** Credential shapes inside free text; each keeps its prefix so a reader sees what was there. */
const SECRET_TEXT: Array<[RegExp, string]> = [
  [/\b(Bearer|Basic|Token)\s+[^\s"',;]+/gi, `$1 ${REDACTED}`],
  [/\bsk-[A-Za-z0-9_-]{6,}/g, `sk-${REDACTED}`],
  [/\broster_pat_[A-Za-z0-9_-]{6,}/g, `roster_pat_${REDACTED}`],
  [/\beyJ[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, REDACTED],
  [/((?:__Secure-|__Host-)?next-auth\.[a-z-]+(?:\.\d+)?=)[^\s;,"']+/gi, `$1${REDACTED}`],
  [/\b([A-Za-z_-]*(?:password|passwd|secret|token|api_?key|authorization)["']?\s*[:=]\s*["']?)[^\s"',;&]+/gi, `$1${REDACTED}`],
];

export function scrubText(text: string): string {
  // Roster's own configured keys first (whatever their shape), then credential shapes.
  let out = maskSecrets(text);
  for (const [pattern, replacement] of SECRET_TEXT) out = out.replace(pattern, replacement);
  return out;
}

const MAX_DEPTH = 12;

/** A copy of `value` safe to log: secret keys masked at any depth, strings scrubbed, errors made plain. */
export function scrub(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === "string") return scrubText(value);
  if (value === null || typeof value !== "object") return value;
  if (seen.has(value)) return "[circular]";
  if (depth >= MAX_DEPTH) return "[too deep]";
  seen.add(value);
  if (value instanceof Error) {
    const plain: Record<string, unknown> = { type: value.name, message: scrubText(value.message), stack: scrubText(value.stack ?? "") };
    for (const [k, v] of Object.entries(value)) plain[k] = isSecretKey(k) ? REDACTED : scrub(v, depth + 1, seen);
    if (value.cause !== undefined) plain.cause = scrub(value.cause, depth + 1, seen);
    return plain;
  }
  if (typeof Headers !== "undefined" && value instanceof Headers) return scrub(Object.fromEntries(value.entries()), depth, seen);
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1, seen));
  if (value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = isSecretKey(k) ? REDACTED : scrub(v, depth + 1, seen);
  return out;
}

/** pino's own redaction of the well-known places, a second layer behind `scrub`. */
const REDACT_PATHS = [
  "authorization",
  "cookie",
  "password",
  "token",
  "apiKey",
  "api_key",
  "secret",
  "client_secret",
  "clientSecret",
  "NEXTAUTH_SECRET",
  "headers.authorization",
  "headers.Authorization",
  "headers.cookie",
  'headers["set-cookie"]',
  "req.headers.authorization",
  "req.headers.cookie",
  'res.headers["set-cookie"]',
  "*.authorization",
  "*.Authorization",
  "*.cookie",
  "*.password",
  "*.token",
  "*.apiKey",
  "*.api_key",
  "*.secret",
  "*.client_secret",
  "*.clientSecret",
  "*.NEXTAUTH_SECRET",
];

export function logLevel(env: NodeJS.ProcessEnv = process.env, name = "ROSTER_LOG_LEVEL"): Level {
  const raw = env[name]?.trim().toLowerCase();
  return raw && (LEVELS as readonly string[]).includes(raw) ? (raw as Level) : name === "ROSTER_LOG_LEVEL" ? "info" : logLevel(env);
}

const LEVEL_ORDER: readonly Level[] = ["trace", "debug", "info", "warn", "error", "fatal", "silent"];

export function loggerOptions(level: Level): LoggerOptions {
  return {
    level,
    base: { service: "roster" },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }), bindings: (b) => scrub(b) as Record<string, unknown> },
    // Errors arrive already made plain (and scrubbed) by the hook below.
    serializers: { err: (err: unknown) => err },
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    hooks: {
      logMethod(args, method) {
        const [first, ...rest] = args as unknown[];
        if (first instanceof Error) {
          const err = scrub(first);
          const msg = typeof rest[0] === "string" ? rest : [scrubText(first.message), ...rest];
          return method.apply(this, [{ err }, ...msg.map((a) => scrub(a))] as Parameters<typeof method>);
        }
        return method.apply(this, [first, ...rest].map((a) => scrub(a)) as Parameters<typeof method>);
      },
    },
  };
}

/** A logger writing to `destination` (tests pass an in-memory stream). */
export function createLogger(destination: DestinationStream, level: Level = "info"): Logger {
  return pino(loggerOptions(level), destination);
}

/** One already-redacted JSON line as a person reads it: `[roster] msg`, the level when not info, the error's stack. */
export function prettyLine(line: string): string {
  try {
    const entry = JSON.parse(line) as { level?: string; msg?: string; err?: { stack?: string; message?: string } };
    const level = entry.level && entry.level !== "info" ? `${entry.level.toUpperCase()} ` : "";
    const err = entry.err ? `\n${entry.err.stack || entry.err.message || ""}` : "";
    return `[roster] ${level}${entry.msg ?? ""}${err}\n`;
  } catch {
    return line;
  }
}

/** JSON lines, or readable lines on a terminal (`npm run demo`) unless ROSTER_LOG_FORMAT=json. */
function stdoutStream(): DestinationStream {
  const out = pino.destination({ dest: 1, sync: true });
  if (!process.stdout.isTTY || process.env.ROSTER_LOG_FORMAT === "json") return out;
  return { write: (line: string) => void out.write(prettyLine(line)) };
}

/** ROSTER_LOG_LEVEL for stdout; the file may log more (ROSTER_LOG_FILE_LEVEL, default the same). */
function processLogger(): Logger {
  const level = logLevel();
  const file = process.env.ROSTER_LOG_FILE?.trim();
  if (!file) return createLogger(stdoutStream(), level);
  const fileLevel = logLevel(process.env, "ROSTER_LOG_FILE_LEVEL");
  const lowest = LEVEL_ORDER.indexOf(fileLevel) < LEVEL_ORDER.indexOf(level) ? fileLevel : level;
  const streams = pino.multistream([
    { level: level === "silent" ? "fatal" : level, stream: stdoutStream() },
    {
      level: fileLevel === "silent" ? "fatal" : fileLevel,
      stream: pino.destination({ dest: file, mkdir: true, append: true, sync: true }),
    },
  ]);
  return createLogger(streams, lowest);
}

const holder = globalThis as typeof globalThis & { __rosterLog?: Logger };

/** The process-wide logger (one per process, even when bundles load this module twice). */
export const log: Logger = holder.__rosterLog ?? (holder.__rosterLog = processLogger());
