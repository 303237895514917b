"use client";

import { formatDate, formatDateTime, formatRelative } from "./format";
import { useNow } from "./use-now";

interface RelativeTimeProps {
  iso: string;
  className?: string;
  /** Text before the exact time in the tooltip, e.g. "Synced". */
  titlePrefix?: string;
}

/**
 * "3 min ago", with the exact local date, time and zone on hover. The server's HTML (and the
 * hydration of it) shows the exact time in UTC instead: the server cannot know the browser's
 * "now" or zone, and rendering either would differ from the browser's first render.
 */
export function RelativeTime({ iso, className, titlePrefix }: RelativeTimeProps) {
  const now = useNow();
  const exact = formatDateTime(iso, now !== null);
  return (
    <time dateTime={iso} title={titlePrefix ? `${titlePrefix} ${exact}` : exact} className={className}>
      {now === null ? exact : formatRelative(iso, now)}
    </time>
  );
}

/** A date (e.g. an expiry), in the browser's zone once the page runs (UTC before, see `RelativeTime`). */
export function LocalDate({ iso, className, suffix }: { iso: string; className?: string; suffix?: string }) {
  const local = useNow() !== null;
  return (
    <time dateTime={iso} className={className} title={formatDateTime(iso, local)}>
      {formatDate(iso, local)}
      {suffix}
    </time>
  );
}
