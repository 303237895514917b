/**
 * Where notifications go, from the environment (checked at start by lib/env-schema.ts):
 * - `ROSTER_NOTIFY_WEBHOOK_URL`: a Slack-compatible incoming webhook, organization-wide;
 * - `ROSTER_SMTP_URL` (`smtp://user:pass@host:587`, `smtps://…`) with `ROSTER_NOTIFY_FROM`:
 *   email to each operator who chose it.
 * Links in messages start from `NEXTAUTH_URL`, Roster's public address.
 */

type Env = Record<string, string | undefined>;

export interface NotifyChannels {
  webhookUrl: string | null;
  smtpUrl: string | null;
  from: string | null;
}

const set = (value: string | undefined) => value?.trim() || null;

export function notifyChannels(env: Env = process.env): NotifyChannels {
  return { webhookUrl: set(env.ROSTER_NOTIFY_WEBHOOK_URL), smtpUrl: set(env.ROSTER_SMTP_URL), from: set(env.ROSTER_NOTIFY_FROM) };
}

/** Roster's public address for links: NEXTAUTH_URL (its origin and path), else the local server. */
export function publicBaseUrl(env: Env = process.env): string {
  const configured = set(env.NEXTAUTH_URL);
  if (configured && URL.canParse(configured)) return configured.replace(/\/+$/, "");
  return `http://localhost:${set(env.PORT) ?? "3000"}`;
}

export function linkTo(path: string, env: Env = process.env): string {
  return `${publicBaseUrl(env)}${path}`;
}
