"use client";

import { formatDateTime, formatRelative } from "./format";
import { useNow } from "./use-now";

interface RelativeTimeProps {
  iso: string;
  className?: string;
  /** Text before the relative time in the tooltip, e.g. "Synced". */
  titlePrefix?: string;
}

/** "3 min ago", with the exact date and time on hover. */
export function RelativeTime({ iso, className, titlePrefix }: RelativeTimeProps) {
  const now = useNow();
  const exact = formatDateTime(iso);
  return (
    <time dateTime={iso} title={titlePrefix ? `${titlePrefix} ${exact}` : exact} className={className}>
      {formatRelative(iso, now)}
    </time>
  );
}
