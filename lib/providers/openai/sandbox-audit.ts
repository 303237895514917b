import { hashHex } from "../../sandbox/seed";
import { startOfUtcDay } from "../../sandbox/activity";
import { CursorList } from "./cursor-list";
import type { WireUser } from "./schemas";

/**
 * The OpenAI sandbox's audit log (`GET /organization/audit_logs`, spec `AuditLog`): every
 * membership change made through the sandbox's own API is logged with the API key as actor
 * (Roster's own changes, which Roster must match and not flag), and a handful of seeded
 * changes made "in the dashboard" (a session actor), plus those a test makes through
 * `POST /__sandbox/openai/outside-change`, are the changes made outside Roster. The seed is
 * a fixed few events whatever the organization's size.
 */

export type AuditEventType = "user.added" | "user.updated" | "user.deleted" | "invite.sent" | "invite.accepted" | "invite.deleted";

export interface WireAuditLog {
  id: string;
  type: AuditEventType;
  effective_at: number;
  actor: {
    type: "session" | "api_key";
    session?: { user: { id: string; email: string }; ip_address: string };
    api_key?: { id: string; type: "user"; user: { id: string; email: string } };
  };
  [details: string]: unknown;
}

export type AuditActor = WireAuditLog["actor"];

export function sessionActor(user: Pick<WireUser, "id" | "email">): AuditActor {
  return { type: "session", session: { user: { id: user.id, email: user.email ?? "" }, ip_address: "203.0.113.7" } };
}

export function apiKeyActor(keyId: string, user: Pick<WireUser, "id" | "email">): AuditActor {
  return { type: "api_key", api_key: { id: keyId, type: "user", user: { id: user.id, email: user.email ?? "" } } };
}

/** Newest first, as the real list answers. */
export class AuditTrail {
  readonly list = new CursorList<WireAuditLog>();
  private serial = 0;

  constructor(events: WireAuditLog[] = []) {
    for (const event of [...events].sort((a, b) => b.effective_at - a.effective_at)) this.list.add(event);
    this.serial = events.length;
  }

  record(type: AuditEventType, details: Record<string, unknown>, actor: AuditActor, at = Math.floor(Date.now() / 1000)): WireAuditLog {
    const event: WireAuditLog = {
      id: `audit_log-${hashHex(`openai:audit:${++this.serial}:${type}:${at}`, 16)}`,
      type,
      effective_at: at,
      actor,
      [type]: details,
    };
    // Newest first: rebuild with the new event at the head (audit logs stay small here).
    const all = [event, ...this.list];
    for (const old of [...this.list]) this.list.remove(old.id);
    for (const item of all) this.list.add(item);
    return event;
  }

  get events(): WireAuditLog[] {
    return [...this.list];
  }
}

const DAY = 86_400;

/** A few changes made in OpenAI's dashboard by founder 1 during the last two weeks (deterministic per day). */
export function seedAuditLog(users: readonly WireUser[]): WireAuditLog[] {
  if (users.length < 12) return [];
  const today = startOfUtcDay() / 1000;
  const admin = users[1];
  const actor = sessionActor(admin);
  const promoted = users[10];
  const gone = `user-${hashHex("openai:user:departed", 16)}`;
  const event = (n: number, type: AuditEventType, daysAgo: number, details: Record<string, unknown>): WireAuditLog => ({
    id: `audit_log-${hashHex(`openai:audit:seed:${n}`, 16)}`,
    type,
    effective_at: today - daysAgo * DAY + 3600 * (9 + n),
    actor,
    [type]: details,
  });
  return [
    event(1, "user.updated", 12, { id: promoted.id, changes_requested: { role: "owner" } }),
    event(2, "user.deleted", 6, { id: gone }),
    event(3, "invite.sent", 3, {
      id: `invite-${hashHex("openai:invite:dashboard", 16)}`,
      data: { email: "contractor@example.com", role: "member" },
    }),
  ];
}
