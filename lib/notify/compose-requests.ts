import { and, eq } from "drizzle-orm";
import { getDb } from "../db";
import { bulkItems, bulkRuns, type InviteRequestItemRow, type InviteRequestRow } from "../db/schema";
import { findRequest } from "../invites/repository";
import type { ChangeOutcome, RequestedChange } from "../invites/types";
import { roleLabel } from "../providers/role-label";
import { PROVIDER_IDS, PROVIDER_LABELS } from "../providers/types";
import { linkTo } from "./config";
import type { Notice, NotifyEvent, Recipient } from "./events";
import { admins, nameOf } from "./recipients";

/**
 * Requests and jobs in words. Only what the event needs: who asked, how many people and
 * which providers, a link; never the invited emails, a one-time password, a client secret
 * or a provider's own error text (which may quote what was sent).
 */

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function listed(names: string[]): string {
  if (names.length <= 1) return names[0] ?? "";
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/** What a request asks for, from the requester's side: "to invite 3 people to OpenAI and Arthur". */
export function askedFor(request: InviteRequestRow, items: InviteRequestItemRow[]): string {
  if (request.kind === "invite") {
    const people = new Set(items.map((i) => i.email)).size;
    const asked = new Set(items.map((i) => i.provider));
    const providers = PROVIDER_IDS.filter((p) => asked.has(p)).map((p) => PROVIDER_LABELS[p]);
    return `to invite ${people === 1 ? "1 person" : `${people} people`} to ${listed(providers)}`;
  }
  const change = request.change as RequestedChange;
  switch (change.kind) {
    case "arthur_user":
      return "to create an Arthur user";
    case "service_account":
      return `to create the Arthur service account "${change.name}"`;
    case "admin_role":
      return `to make ${change.memberName} ${roleLabel(change.roleName)} on ${PROVIDER_LABELS[change.provider]}`;
    case "mass_change":
      return `to make ${plural(change.items.length, "change")} touching ${plural(change.memberships, "membership")}`;
    default:
      return "for a change";
  }
}

const requestLink = (id: string) => linkTo(`/invites#request-${id}`);

async function load(requestId: string) {
  const stored = await findRequest(requestId);
  if (!stored) return null;
  const who = await nameOf(stored.request.requesterId, stored.request.requesterEmail);
  return { ...stored, who, what: askedFor(stored.request, stored.items) };
}

export async function requestCreated(event: Extract<NotifyEvent, { kind: "request_created" }>): Promise<Notice | null> {
  const stored = await load(event.requestId);
  if (!stored || stored.request.status !== "pending") return null;
  const { request, who, what } = stored;
  const link = requestLink(request.id);
  const summary = `${who} asked ${what}. Reason: ${request.reason}`;
  const text = `${summary}\n\nAn admin other than ${who} approves or rejects it by ${request.expiresAt.toUTCString()}:\n${link}\n`;
  const to = await admins(request.requesterId);
  return { summary, link, emails: to.map((r) => ({ to: r, subject: `Waiting for your approval: ${who} asked ${what}`, text })) };
}

export async function requestDecided(event: Extract<NotifyEvent, { kind: "request_decided" }>): Promise<Notice | null> {
  const stored = await load(event.requestId);
  if (!stored || !["approved", "rejected", "expired"].includes(stored.request.status)) return null;
  const { request, who, what } = stored;
  const link = requestLink(request.id);
  const by =
    request.status === "expired"
      ? "with no decision in time"
      : `by ${await nameOf(request.decidedBy, request.decidedByEmail ?? "an admin")}`;
  const because = request.decisionReason && request.status !== "expired" ? ` Reason: ${request.decisionReason}` : "";
  const summary = `${who}'s request ${what} was ${request.status} ${by}.${because}`;
  const text = `Your request ${what} was ${request.status} ${by}.${because}\n\n${link}\n`;
  // A request its own requester decided (a direct invite) tells nobody by email.
  const emails =
    request.decidedBy === request.requesterId
      ? []
      : [{ to: { id: request.requesterId, email: request.requesterEmail }, subject: `Your request ${what} was ${request.status}`, text }];
  return { summary, link, emails };
}

export async function sendFailed(event: Extract<NotifyEvent, { kind: "send_failed" }>): Promise<Notice | null> {
  const stored = await load(event.requestId);
  if (!stored) return null;
  const { request, items, who, what } = stored;
  const failed =
    request.kind === "invite"
      ? items.filter((i) => i.state === "failed").length
      : (request.changeResult as ChangeOutcome | null)?.state === "failed"
        ? 1
        : 0;
  if (!failed) return null;
  const link = requestLink(request.id);
  const summary =
    request.kind === "invite"
      ? `${plural(failed, "invite")} of ${who}'s approved request ${what} failed to send.`
      : `${who}'s approved request ${what} failed.`;
  const text = `${summary} Roster shows why, and retries failed items on request:\n${link}\n`;
  return { summary, link, emails: (await admins()).map((r) => ({ to: r, subject: `Failed: ${who}'s request ${what}`, text })) };
}

export async function bulkFailed(event: Extract<NotifyEvent, { kind: "bulk_failed" }>): Promise<Notice | null> {
  const db = await getDb();
  const [run] = await db.select().from(bulkRuns).where(eq(bulkRuns.id, event.runId));
  if (!run) return null;
  const failed = await db.$count(bulkItems, and(eq(bulkItems.runId, run.id), eq(bulkItems.state, "failed")));
  if (!failed) return null;
  const who = await nameOf(run.operator.id, run.operator.email);
  const link = linkTo("/audit");
  const summary = `A bulk change by ${who} ended with ${plural(failed, "failed item")} of ${run.total}.`;
  const text = `${summary} Each item's result is in Roster's audit log; the failed items can be retried:\n${link}\n`;
  return {
    summary,
    link,
    emails: (await admins()).map((r: Recipient) => ({ to: r, subject: `Bulk change by ${who}: ${plural(failed, "item")} failed`, text })),
  };
}

export async function jobFailed(event: Extract<NotifyEvent, { kind: "job_failed" }>): Promise<Notice> {
  const summary = `A scheduled job failed: ${event.what}.`;
  const text = `${summary}\n\n${event.link}\n`;
  return { summary, link: event.link, emails: (await admins()).map((r) => ({ to: r, subject: `Roster: ${event.job} failed`, text })) };
}
