import nodemailer, { type Transporter } from "nodemailer";
import { defineQueue, jobs } from "../jobs/engine";
import { log } from "../log";
import { notifyChannels } from "./config";
import type { NotifyEventName } from "./types";

/**
 * Deliveries: one pg-boss job per message (the webhook's one, and one email per recipient),
 * stored in the database before the flow that caused them goes on, so a restart loses none.
 * A failing delivery is retried with exponential backoff; one that keeps failing ends
 * `failed` in pg-boss and says so in the log (error level), with no message content.
 */

export const NOTIFY_QUEUE = "notify";

export interface WebhookBody {
  text: string;
  blocks?: unknown[];
}

export type Delivery =
  | { channel: "webhook"; event: NotifyEventName; body: WebhookBody }
  | { channel: "email"; event: NotifyEventName; to: string; subject: string; text: string };

const WEBHOOK_TIMEOUT_MS = 10_000;

async function postWebhook(url: string, body: WebhookBody): Promise<void> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    redirect: "error",
  });
  // Slack answers "ok"; the body is not read further (nor logged).
  await response.body?.cancel();
  if (!response.ok) throw new Error(`The webhook answered ${response.status}`);
}

const transports = new Map<string, Transporter>();

function transportFor(url: string): Transporter {
  let transport = transports.get(url);
  if (!transport) {
    transport = nodemailer.createTransport(url);
    transports.set(url, transport);
  }
  return transport;
}

async function sendEmail(smtpUrl: string, from: string, delivery: Extract<Delivery, { channel: "email" }>): Promise<void> {
  await transportFor(smtpUrl).sendMail({ from, to: delivery.to, subject: delivery.subject, text: delivery.text });
}

/** Sends one delivery now; throws when the channel refused it (the job retries). */
export async function deliver(delivery: Delivery): Promise<void> {
  const channels = notifyChannels();
  if (delivery.channel === "webhook") {
    if (!channels.webhookUrl) return; // unset since the job was queued: nothing to do
    return postWebhook(channels.webhookUrl, delivery.body);
  }
  if (!channels.smtpUrl || !channels.from) return;
  return sendEmail(channels.smtpUrl, channels.from, delivery);
}

/** What a log line may say about a delivery: never its text, nor an address beyond the domain. */
function described(delivery: Delivery) {
  return delivery.channel === "webhook"
    ? { channel: "webhook", event: delivery.event }
    : { channel: "email", event: delivery.event, toDomain: delivery.to.split("@")[1] };
}

/** Queues deliveries (in the database, before returning). */
export async function queueDeliveries(deliveries: readonly Delivery[]): Promise<void> {
  if (!deliveries.length) return;
  const boss = await jobs();
  for (const delivery of deliveries) await boss.send(NOTIFY_QUEUE, delivery);
}

export interface NotifyQueueOptions {
  retryLimit?: number;
  /** Seconds before the first retry; each next one waits about twice as long. */
  retryDelay?: number;
}

/** The delivery queue: 8 retries from 10 s, doubling (about 40 min in all), at most 10 min apart. */
export function defineNotifyQueue(options: NotifyQueueOptions = {}): void {
  const retryLimit = options.retryLimit ?? 8;
  defineQueue({
    name: NOTIFY_QUEUE,
    retryLimit,
    retryDelay: options.retryDelay ?? 10,
    retryDelayMax: 600,
    expireInSeconds: 120,
    concurrency: 2,
    handler: async ([job]) => {
      const delivery = job.data as Delivery;
      try {
        await deliver(delivery);
      } catch (error) {
        const seen = await (await jobs()).getJobById(NOTIFY_QUEUE, job.id).catch(() => null);
        const attempt = (seen?.retryCount ?? 0) + 1;
        const final = seen ? seen.retryCount >= seen.retryLimit : false;
        const message = error instanceof Error ? error.message : String(error);
        if (final) log.error({ ...described(delivery), jobId: job.id, attempt, error: message }, "notification delivery failed for good");
        else log.warn({ ...described(delivery), jobId: job.id, attempt, error: message }, "notification delivery failed; retrying later");
        throw error;
      }
    },
  });
}
