/**
 * The events an operator chooses email for (Settings → Notifications), without zod: the
 * Settings page imports these, and zod in a browser bundle trips the CSP.
 */
export const NOTIFY_EVENTS = ["request_waiting", "request_decided", "failure", "review_assigned", "review_reminder"] as const;
export type NotifyEventName = (typeof NOTIFY_EVENTS)[number];

export const NOTIFY_EVENT_TEXT: Record<NotifyEventName, { label: string; description: string }> = {
  request_waiting: {
    label: "A request waits for my approval",
    description: "A new invite, change or mass-change request someone else asked for (admins and owners).",
  },
  request_decided: { label: "My request was decided", description: "Approved, rejected or expired." },
  failure: {
    label: "Something failed",
    description:
      "An approved request whose sending failed, a bulk change with failed items, a scheduled sync that failed (admins and owners).",
  },
  review_assigned: { label: "An access review was assigned to me", description: "A campaign names me as a reviewer." },
  review_reminder: { label: "Access review reminders", description: "Before a campaign's due date, while items of mine are undecided." },
};

export interface NotificationPreferences {
  email: Record<NotifyEventName, boolean>;
}

export interface NotificationSettingsResponse extends NotificationPreferences {
  /** Which channels the server has: an email choice does nothing without SMTP. */
  channels: { email: boolean; webhook: boolean };
}
