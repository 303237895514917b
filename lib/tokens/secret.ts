import { createHash, randomBytes } from "node:crypto";
import { TOKEN_PREFIX } from "./types";

/** 32 random bytes (256 bits), base64url: hashing it once with SHA-256 is enough; no slow hash needed. */
export function newTokenSecret(): string {
  return TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

export function hashTokenSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

const SHAPE = new RegExp(`^${TOKEN_PREFIX}[A-Za-z0-9_-]{43}$`);

/** Shaped like a Roster token: anything else is refused before the database is asked. */
export function looksLikeTokenSecret(value: string): boolean {
  return SHAPE.test(value);
}

/** The bearer credential of a request (`Authorization: Bearer …`), or null when it sends none. */
export function bearerOf(request: Request): string | null {
  const header = request.headers.get("authorization");
  if (header === null) return null;
  const match = /^\s*Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : "";
}
