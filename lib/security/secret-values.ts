/**
 * Roster's own configured secrets (provider keys and tokens, client secrets, the session
 * and audit keys, passwords in DATABASE_URL), so that text Roster passes on or logs never
 * repeats one: a provider that echoes the key it was sent in an error message has the key
 * masked before the message reaches an API answer, the audit log or a log line.
 *
 * Every environment variable whose name says it holds a credential counts (the same rule
 * the logger uses for object keys), each comma-separated value of it on its own. Values
 * shorter than 8 characters are left alone: masking a short word ("sandbox") everywhere
 * would mangle ordinary text, and such a value is no secret worth the name.
 */

export const MASKED = "[redacted]";
const MIN_LENGTH = 8;

/** Key names (compared without case, `-` or `_`) whose values are credentials. */
const SECRET_NAME = /authorization|cookie|password|passwd|passphrase|secret|token|apikey|adminkey|accesskey|privatekey|credential|auditkey/;

export function isSecretName(key: string): boolean {
  return SECRET_NAME.test(key.toLowerCase().replace(/[-_\s]/g, ""));
}

function valuesOf(env: NodeJS.ProcessEnv): string[] {
  const found = new Set<string>();
  for (const [name, raw] of Object.entries(env)) {
    if (!raw) continue;
    if (isSecretName(name)) {
      for (const part of [raw, ...raw.split(",")]) if (part.trim().length >= MIN_LENGTH) found.add(part.trim());
    } else if (/^[a-z][a-z0-9+.-]*:\/\/[^/\s]*:[^@/\s]+@/i.test(raw)) {
      // A URL with a password in it (DATABASE_URL).
      try {
        const password = decodeURIComponent(new URL(raw).password);
        if (password.length >= MIN_LENGTH) found.add(password);
      } catch {
        /* not a URL after all */
      }
    }
  }
  // Longest first, so a value that contains another is masked whole.
  return [...found].sort((a, b) => b.length - a.length);
}

let processValues: string[] | null = null;

/** The configured secret values: read once per process from its environment (any other `env` fresh). */
export function configuredSecrets(env: NodeJS.ProcessEnv = process.env): string[] {
  if (env !== process.env) return valuesOf(env);
  return (processValues ??= valuesOf(env));
}

/** `text` with every configured secret value replaced by `[redacted]`. */
export function maskSecrets(text: string, env: NodeJS.ProcessEnv = process.env): string {
  let out = text;
  for (const value of configuredSecrets(env)) if (out.includes(value)) out = out.split(value).join(MASKED);
  return out;
}
