import { log } from "../log";
import { bulkFailed, jobFailed, requestCreated, requestDecided, sendFailed } from "./compose-requests";
import { reviewNotice } from "./compose-reviews";
import { notifyChannels } from "./config";
import { type Delivery, queueDeliveries } from "./deliver";
import { type Notice, type NotifyEvent, PREFERENCE_OF } from "./events";
import { emailOff } from "./preferences";

/**
 * Notifications: `notify(event)` at each trigger point reads what the event needs, words
 * it (lib/notify/compose-*.ts), and queues the deliveries as jobs (lib/notify/deliver.ts)
 * before returning: the webhook's message (organization-wide) and an email to each
 * recipient who has not turned that event off. A notification never fails the flow that
 * caused it: a problem is logged, and the flow goes on.
 */

export type { NotifyEvent } from "./events";

function compose(event: NotifyEvent): Promise<Notice | null> {
  switch (event.kind) {
    case "request_created":
      return requestCreated(event);
    case "request_decided":
      return requestDecided(event);
    case "send_failed":
      return sendFailed(event);
    case "bulk_failed":
      return bulkFailed(event);
    case "job_failed":
      return jobFailed(event);
    case "review_assigned":
    case "review_reminder":
      return reviewNotice(event);
  }
}

/** The deliveries of one event, as configured now (no channel: none). */
export async function deliveriesOf(event: NotifyEvent): Promise<Delivery[]> {
  const channels = notifyChannels();
  const email = Boolean(channels.smtpUrl && channels.from);
  if (!channels.webhookUrl && !email) return [];
  const notice = await compose(event);
  if (!notice) return [];
  const preference = PREFERENCE_OF[event.kind];
  const out: Delivery[] = [];
  if (channels.webhookUrl) {
    out.push({
      channel: "webhook",
      event: preference,
      body: {
        text: `${notice.summary} <${notice.link}|Open in Roster>`,
        blocks: [{ type: "section", text: { type: "mrkdwn", text: `${notice.summary}\n<${notice.link}|Open in Roster>` } }],
      },
    });
  }
  if (email && notice.emails.length) {
    const off = await emailOff(
      notice.emails.map((e) => e.to.id),
      preference,
    );
    for (const e of notice.emails)
      if (!off.has(e.to.id)) out.push({ channel: "email", event: preference, to: e.to.email, subject: e.subject, text: e.text });
  }
  return out;
}

export async function notify(event: NotifyEvent): Promise<void> {
  try {
    await queueDeliveries(await deliveriesOf(event));
  } catch (error) {
    log.error({ err: error, event: event.kind }, "could not queue a notification");
  }
}
