import type { RawDatabase } from "../db";
import { log } from "../log";
import { defineBulkQueue, resumeUnfinishedRuns } from "./bulk";
import { startJobs } from "./engine";
import { defineNotifyQueue } from "../notify/deliver";
import { defineReminderQueue } from "../notify/reminders";
import { defineProviderReadQueues, scheduleProviderReads } from "./outside-read";
import { defineScheduledQueues, scheduleSyncs } from "./scheduled";

/**
 * Starts Roster's job engine in this server process (lib/startup.ts, once the database is
 * open): its queues and workers, the scheduled syncs, an expiry sweep, and every bulk run
 * and invite sending a stopped server left unfinished.
 */
export async function startRosterJobs(raw: RawDatabase): Promise<void> {
  const { expireDue } = await import("../invites/requests");
  const { defineSendingQueue, resumeUnfinishedSending } = await import("../invites/send-job");
  defineBulkQueue();
  defineNotifyQueue();
  defineReminderQueue();
  defineSendingQueue();
  defineScheduledQueues(expireDue);
  defineProviderReadQueues();
  await startJobs(raw);
  await scheduleSyncs();
  await scheduleProviderReads();
  await expireDue();
  const resumed = await resumeUnfinishedRuns();
  if (resumed) log.info({ runs: resumed }, "resuming bulk changes a stopped server left unfinished");
  await resumeUnfinishedSending();
}
