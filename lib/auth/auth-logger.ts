import type { NextAuthOptions } from "next-auth";
import { log } from "../log";

/** next-auth's messages through Roster's logger, so its metadata (tokens, cookies, errors) is redacted too. */
export const authLogger: NonNullable<NextAuthOptions["logger"]> = {
  error(code, metadata) {
    log.error({ auth: code, metadata }, `next-auth: ${code}`);
  },
  warn(code) {
    log.warn({ auth: code }, `next-auth: ${code}`);
  },
  debug(code, metadata) {
    log.debug({ auth: code, metadata }, `next-auth: ${code}`);
  },
};
