import { defineQueue, jobs } from "../jobs/engine";
import { log } from "../log";
import { notify } from "./index";

/**
 * Access-review reminders: when a campaign is created, one job is queued for its reminder
 * time; it reminds each reviewer who still has undecided items (nobody, if all is decided
 * or the campaign closed). Campaigns have no reminder setting of their own: the reminder
 * comes `REMINDER_LEAD_HOURS` before the due date, or halfway there for a shorter campaign.
 */

export const REMINDER_QUEUE = "review-reminder";
export const REMINDER_LEAD_HOURS = 48;

export function reminderAt(createdAt: Date, dueAt: Date): Date {
  const lead = Math.min(REMINDER_LEAD_HOURS * 3_600_000, Math.max(0, dueAt.getTime() - createdAt.getTime()) / 2);
  return new Date(dueAt.getTime() - lead);
}

export async function scheduleReviewReminder(campaign: { id: string; createdAt: Date; dueAt: Date }): Promise<void> {
  try {
    const at = reminderAt(campaign.createdAt, campaign.dueAt);
    await (await jobs()).send(REMINDER_QUEUE, { campaignId: campaign.id }, { startAfter: at, singletonKey: campaign.id });
  } catch (error) {
    log.warn({ err: error, campaignId: campaign.id }, "could not queue the reminder of an access review");
  }
}

export function defineReminderQueue(): void {
  defineQueue({
    name: REMINDER_QUEUE,
    retryLimit: 3,
    handler: async ([job]) => notify({ kind: "review_reminder", campaignId: (job.data as { campaignId: string }).campaignId }),
  });
}
