const numberFormat = new Intl.NumberFormat("en-US");

export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

/** "1 member", "2 members". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatNumber(count)} ${count === 1 ? one : many}`;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A short relative time: "just now", "4 min ago", "3 h ago", "yesterday", "5 mo ago". */
export function formatRelative(iso: string, now: number): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return "unknown";
  const elapsed = Math.max(0, now - time);
  if (elapsed < 45_000) return "just now";
  if (elapsed < HOUR) return `${Math.max(1, Math.round(elapsed / MINUTE))} min ago`;
  if (elapsed < DAY) return `${Math.round(elapsed / HOUR)} h ago`;
  const days = Math.floor(elapsed / DAY);
  if (days === 1) return "yesterday";
  if (days < 30) return `${days} days ago`;
  if (days < 365) return `${Math.floor(days / 30)} mo ago`;
  return `${Math.floor(days / 365)} yr ago`;
}

const utcDateTime = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const utcDate = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });
let localDateTime: Intl.DateTimeFormat | undefined;
let localDate: Intl.DateTimeFormat | undefined;

/**
 * "Dec 2, 2026, 5:32 PM UTC" when `local` is false: the same on every machine, so the server's
 * HTML and the browser's first render agree. With `local`, the browser's own zone, named:
 * "Dec 2, 2026, 6:32 PM GMT+1".
 */
export function formatDateTime(iso: string, local: boolean): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  if (!local) return `${utcDateTime.format(time)} UTC`;
  // (dateStyle and timeStyle cannot be combined with timeZoneName: the parts, spelled out.)
  localDateTime ??= new Intl.DateTimeFormat(undefined, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
  });
  return localDateTime.format(time);
}

/** A date alone, in UTC until `local` (see `formatDateTime`). */
export function formatDate(iso: string, local: boolean): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  if (!local) return utcDate.format(time);
  localDate ??= new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });
  return localDate.format(time);
}

/**
 * " (HTTP 503)" after a provider's message, so an operator can tell a rate limit from an
 * outage; nothing for a success status (a malformed 200 answer) or none at all.
 */
export function httpStatusSuffix(status: number | null | undefined): string {
  return status && (status < 200 || status >= 300) ? ` (HTTP ${status})` : "";
}
