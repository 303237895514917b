import { ConfigError, providerTimeoutMs } from "../config";
import type { InvitePolicy } from "./types";

/**
 * The invite policy from the environment:
 * - `ROSTER_DIRECT_INVITES`: `admins` lets admins (and owners) send invites, create Arthur
 *   users and service accounts and grant admin-level roles without a second person's
 *   approval; `off` (the default) sends all of them through approval (the two-person rule).
 * - `ROSTER_INVITE_REQUEST_DAYS`: days a pending request waits for a decision (default 7).
 */

export const DEFAULT_EXPIRY_DAYS = 7;

export function invitePolicy(env: NodeJS.ProcessEnv = process.env): InvitePolicy {
  const direct = (env.ROSTER_DIRECT_INVITES ?? "").trim().toLowerCase();
  if (direct && direct !== "off" && direct !== "admins") {
    throw new ConfigError(`ROSTER_DIRECT_INVITES must be "off" or "admins", got "${env.ROSTER_DIRECT_INVITES}"`);
  }
  const rawDays = env.ROSTER_INVITE_REQUEST_DAYS?.trim();
  const days = rawDays ? Number(rawDays) : DEFAULT_EXPIRY_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > 365) {
    throw new ConfigError(`ROSTER_INVITE_REQUEST_DAYS must be whole days from 1 to 365, got "${rawDays}"`);
  }
  return { directInvites: direct === "admins", expiryDays: days };
}

/**
 * How long an item may stay `sending` before another server may take it as abandoned
 * (the server that claimed it died): well past the provider timeout of the reads and the
 * one send it takes. `ROSTER_JOB_LEASE_SECONDS` (the bulk items' lease) shortens the 30 s
 * margin, never below four provider timeouts and 5 s.
 */
export function sendLeaseMs(env: NodeJS.ProcessEnv = process.env): number {
  const floor = providerTimeoutMs(env) * 4 + 5_000;
  const raw = Number(env.ROSTER_JOB_LEASE_SECONDS);
  if (env.ROSTER_JOB_LEASE_SECONDS?.trim() && Number.isInteger(raw) && raw > 0) return Math.max(floor, raw * 1_000);
  return providerTimeoutMs(env) * 4 + 30_000;
}
