import http from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTempDatabase } from "../testing/temp-db";

/**
 * Notifications end to end in one process: the real invite and change-request services on a
 * real database (PGlite, or Postgres), the real sandboxes, pg-boss delivering through a local
 * SMTP server (smtp-server) and a local webhook receiver (node:http), both able to refuse.
 */
withTempDatabase("notify-test");
const basePort = 20_000 + Math.floor(Math.random() * 20_000);
Object.assign(process.env, {
  ROSTER_SANDBOX: "all",
  ROSTER_SANDBOX_PORT: String(basePort),
  ROSTER_PROVIDER_TIMEOUT_MS: "2000",
  ROSTER_DIRECT_INVITES: "off",
  NEXTAUTH_URL: "https://roster.example.test",
  ROSTER_NOTIFY_FROM: "Roster <roster@example.test>",
});

interface Mail {
  to: string[];
  raw: string;
}
const mails: Mail[] = [];
const hooks: Array<{ text: string; blocks?: unknown[] }> = [];
let smtpRefusals = 0;
let hookFailures = 0;
let hookAttempts = 0;

/** The message as a reader sees it: headers unfolded and their encoded words decoded, the quoted-printable body decoded. */
const qp = (text: string) =>
  Buffer.from(
    text.replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    "latin1",
  ).toString("utf8");
function readable(raw: string): string {
  const at = raw.indexOf("\r\n\r\n");
  const headers = raw
    .slice(0, at)
    .replace(/\r\n[ \t]+/g, " ")
    .replace(/\?= =\?utf-8\?Q\?/gi, "")
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, enc: string, text: string) =>
      enc.toUpperCase() === "B" ? Buffer.from(text, "base64").toString("utf8") : qp(text.replace(/_/g, " ")),
    );
  const body = qp(raw.slice(at).replace(/=\r\n/g, ""));
  return headers + body;
}

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS", "AUTH"],
  logger: false,
  onRcptTo(address, _session, callback) {
    if (smtpRefusals > 0) {
      smtpRefusals--;
      const error = Object.assign(new Error("Try again later"), { responseCode: 451 });
      return callback(error);
    }
    callback();
  },
  onData(stream, session, callback) {
    let raw = "";
    stream.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
    stream.on("end", () => {
      mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: readable(raw) });
      callback();
    });
  },
});

const receiver = http.createServer((req, res) => {
  let body = "";
  req.on("data", (c: Buffer) => (body += c.toString("utf8")));
  req.on("end", () => {
    hookAttempts++;
    if (hookFailures > 0) {
      hookFailures--;
      res.writeHead(500).end("down");
      return;
    }
    hooks.push(JSON.parse(body));
    res.writeHead(200).end("ok");
  });
});

const listen = (server: { listen: (port: number, host: string, cb: () => void) => unknown }, get: () => AddressInfo) =>
  new Promise<number>((resolve) => server.listen(0, "127.0.0.1", () => resolve(get().port)));

const smtpPort = await listen(smtp.server, () => smtp.server.address() as AddressInfo);
const hookPort = await listen(receiver, () => receiver.address() as AddressInfo);
process.env.ROSTER_SMTP_URL = `smtp://127.0.0.1:${smtpPort}`;
process.env.ROSTER_NOTIFY_WEBHOOK_URL = `http://127.0.0.1:${hookPort}/hook`;

const { getDb, getRawDb } = await import("../db");
const { accessReviewItems, accessReviews, bulkItems, bulkRuns, operators } = await import("../db/schema");
const { startConfiguredSandboxes } = await import("../sandbox/start");
const { startJobs, stopJobs, jobs } = await import("../jobs/engine");
const { defineNotifyQueue } = await import("./deliver");
const { defineScheduledQueues } = await import("../jobs/scheduled");
const { defineReminderQueue, REMINDER_QUEUE, reminderAt } = await import("./reminders");
const { notify } = await import("./index");
const { savePreferences } = await import("./preferences");
const service = await import("../invites/requests");
const { createServiceAccount } = await import("../service-accounts/service");

type Ctx = Parameters<typeof service.createInviteRequest>[0];
let sandboxes: Awaited<ReturnType<typeof startConfiguredSandboxes>>;
let owner: Ctx;
let admin: Ctx;
let quiet: Ctx;
let requester: Ctx;

async function operator(email: string, name: string, role: "admin" | "requester" | "owner"): Promise<Ctx> {
  const db = await getDb();
  const [row] = await db.insert(operators).values({ email, name, role }).returning();
  return { operator: { id: row.id, email: row.email, name: row.name, role }, requestId: `test-${name}` };
}

const mailsTo = (email: string, containing: string) => mails.filter((m) => m.to.includes(email) && m.raw.includes(containing));
const hooksWith = (containing: string) => hooks.filter((h) => h.text.includes(containing));
/** Waits for the queue to be idle, so "nothing else arrived" is a fact, not a race. */
async function settled(): Promise<void> {
  const boss = await jobs();
  await expect
    .poll(async () => (await boss.findJobs("notify")).filter((j) => ["created", "retry", "active"].includes(j.state)).length, {
      timeout: 30_000,
    })
    .toBe(0);
}

const INVITED = ["ada.lovelace@invitee.example", "grace.hopper@invitee.example", "alan.turing@invitee.example"];

describe("notifications", { timeout: 90_000 }, () => {
  beforeAll(async () => {
    sandboxes = await startConfiguredSandboxes();
    owner = await operator("owner@roster.example.test", "Olive Owner", "owner");
    admin = await operator("admin@roster.example.test", "Adam Admin", "admin");
    quiet = await operator("quiet@roster.example.test", "Quinn Quiet", "admin");
    requester = await operator("requester@roster.example.test", "Rita Requester", "requester");
    defineNotifyQueue({ retryLimit: 4, retryDelay: 1 });
    defineReminderQueue();
    defineScheduledQueues(service.expireDue);
    await startJobs(await getRawDb());
  }, 120_000);
  afterAll(async () => {
    await stopJobs(2_000);
    await sandboxes?.close();
    await new Promise((resolve) => smtp.close(() => resolve(null)));
    receiver.close();
  });

  it("tells the admins who may approve a new request (by email and webhook), never its requester, nor who turned it off", async () => {
    await savePreferences(quiet.operator.id, { email: { request_waiting: false } });
    const { request } = await service.createInviteRequest(requester, {
      emails: INVITED,
      providers: [
        { provider: "openai", role: "reader" },
        { provider: "arthur", role: "Organization Member" },
      ],
      reason: "New analysts",
    });
    const link = `https://roster.example.test/invites#request-${request.id}`;
    await expect.poll(() => mailsTo(admin.operator.email, link).length, { timeout: 30_000 }).toBe(1);
    await expect.poll(() => mailsTo(owner.operator.email, link).length, { timeout: 30_000 }).toBe(1);
    await expect.poll(() => hooksWith(link).length, { timeout: 30_000 }).toBe(1);
    await settled();
    const mail = mailsTo(admin.operator.email, link)[0].raw;
    expect(mail).toContain("Subject: Waiting for your approval: Rita Requester asked to invite 3 people to OpenAI and Arthur");
    expect(mail).toContain("From: Roster <roster@example.test>");
    expect(hooksWith(link)[0].text).toContain("Rita Requester asked to invite 3 people to OpenAI and Arthur. Reason: New analysts");
    expect(hooksWith(link)[0].blocks).toHaveLength(1);
    expect(mailsTo(requester.operator.email, link)).toHaveLength(0);
    expect(mailsTo(quiet.operator.email, link)).toHaveLength(0);
    // The people invited are the request's business, not the message's.
    for (const email of INVITED) expect(JSON.stringify({ mails, hooks })).not.toContain(email);
  });

  it("never tells an admin of their own request, and tells the requester the decision (not the decider)", async () => {
    const { request } = await service.createInviteRequest(admin, {
      emails: ["someone@invitee.example"],
      providers: [{ provider: "openai", role: "reader" }],
      reason: "Contractor",
    });
    const link = `#request-${request.id}`;
    await expect.poll(() => mailsTo(owner.operator.email, link).length, { timeout: 30_000 }).toBe(1);
    await service.rejectInviteRequest(owner, request.id, "Not this quarter");
    await expect.poll(() => mailsTo(admin.operator.email, "was rejected").length, { timeout: 30_000 }).toBe(1);
    await settled();
    expect(mailsTo(admin.operator.email, link).filter((m) => m.raw.includes("Waiting for your approval"))).toHaveLength(0);
    expect(mailsTo(owner.operator.email, "was rejected")).toHaveLength(0);
    expect(mailsTo(admin.operator.email, "was rejected")[0].raw).toContain(
      "Your request to invite 1 person to OpenAI was rejected by Olive Owner. Reason: Not this quarter",
    );
    expect(hooksWith("Adam Admin's request to invite 1 person to OpenAI was rejected by Olive Owner")).toHaveLength(1);
  });

  it("retries a webhook that answers 500 until it recovers: the message arrives once", async () => {
    hookFailures = 2;
    const before = hookAttempts;
    const { request } = await service.createInviteRequest(requester, {
      emails: ["retry@invitee.example"],
      providers: [{ provider: "openai", role: "reader" }],
      reason: "Webhook down",
    });
    await expect.poll(() => hooksWith(`#request-${request.id}`).length, { timeout: 40_000 }).toBe(1);
    await settled();
    expect(hooksWith(`#request-${request.id}`)).toHaveLength(1);
    expect(hookAttempts - before).toBe(3);
  }, 60_000);

  it("retries an SMTP server that refuses (451) until it accepts: the email arrives once", async () => {
    await settled();
    smtpRefusals = 2;
    const { request } = await service.createInviteRequest(requester, {
      emails: ["smtp@invitee.example"],
      providers: [{ provider: "openai", role: "reader" }],
      reason: "SMTP down",
    });
    // Two admins to tell: the first two recipients are refused once each (or one twice), then accepted.
    await expect.poll(() => mailsTo(owner.operator.email, `#request-${request.id}`).length, { timeout: 40_000 }).toBe(1);
    await expect.poll(() => mailsTo(admin.operator.email, `#request-${request.id}`).length, { timeout: 40_000 }).toBe(1);
    await settled();
    expect(smtpRefusals).toBe(0);
    expect(mailsTo(owner.operator.email, `#request-${request.id}`)).toHaveLength(1);
    expect(mailsTo(admin.operator.email, `#request-${request.id}`)).toHaveLength(1);
  }, 60_000);

  it("says a change was approved without its secret: a new service account's client secret goes to the approver's answer only", async () => {
    const asked = await createServiceAccount(admin, "notify-bot", "Organization Member", "CI");
    const id = (asked as { request: { id: string } }).request.id;
    await expect.poll(() => mailsTo(owner.operator.email, `#request-${id}`).length, { timeout: 30_000 }).toBe(1);
    const approved = await service.approveInviteRequest(owner, id, "ok");
    expect(approved.secret).toMatchObject({ kind: "client_credentials" });
    const secret = (approved.secret as { clientSecret: string }).clientSecret;
    expect(secret.length).toBeGreaterThan(8);
    await expect.poll(() => mailsTo(admin.operator.email, "was approved").length, { timeout: 30_000 }).toBe(1);
    await settled();
    expect(mailsTo(admin.operator.email, "was approved")[0].raw).toContain(
      'Your request to create the Arthur service account "notify-bot" was approved by Olive Owner',
    );
    expect(JSON.stringify({ mails, hooks })).not.toContain(secret);
    expect(JSON.stringify({ mails, hooks })).not.toMatch(/roster_pat_|sk-admin|Bearer /);
  });

  it("tells the admins a bulk run ended with failed items (counts, no people)", async () => {
    const db = await getDb();
    const runId = crypto.randomUUID();
    await db.insert(bulkRuns).values({ id: runId, operator: admin.operator, requestId: "t", total: 2, finishedAt: new Date() });
    await db.insert(bulkItems).values([
      {
        runId,
        position: 0,
        change: { kind: "remove_member", provider: "openai", memberId: "user-secret-one" },
        label: "Remove one",
        state: "failed",
      },
      {
        runId,
        position: 1,
        change: { kind: "remove_member", provider: "openai", memberId: "user-two" },
        label: "Remove two",
        state: "succeeded",
      },
    ] as never);
    await notify({ kind: "bulk_failed", runId });
    await expect
      .poll(() => mailsTo(owner.operator.email, "A bulk change by Adam Admin ended with 1 failed item of 2").length, { timeout: 30_000 })
      .toBe(1);
    await settled();
    expect(JSON.stringify({ mails, hooks })).not.toContain("user-secret-one");
  });

  it("tells reviewers of a campaign assigned to them, then reminds only those with undecided items", async () => {
    const db = await getDb();
    const dueAt = new Date(Date.now() + 5 * 86_400_000);
    const [campaign] = await db
      .insert(accessReviews)
      .values({ name: "Q4 admins", scope: {}, reviewers: {}, dueAt, itemCount: 3, createdByEmail: owner.operator.email })
      .returning();
    const item = (reviewer: Ctx, memberId: string, decision: string | null) => ({
      campaignId: campaign.id,
      provider: "openai" as const,
      memberId,
      email: `${memberId}@member.example`,
      name: memberId,
      role: "owner",
      roleId: "owner",
      reviewerId: reviewer.operator.id,
      reviewerEmail: reviewer.operator.email,
      decision,
    });
    await db.insert(accessReviewItems).values([item(admin, "m1", null), item(admin, "m2", null), item(quiet, "m3", "keep")]);
    await notify({ kind: "review_assigned", campaignId: campaign.id });
    await expect.poll(() => mailsTo(admin.operator.email, 'You review 2 items in "Q4 admins"').length, { timeout: 30_000 }).toBe(1);
    await expect.poll(() => mailsTo(quiet.operator.email, 'You review 1 item in "Q4 admins"').length, { timeout: 30_000 }).toBe(1);
    // The reminder job, as the campaign's creation queued it (here due at once).
    await (await jobs()).send(REMINDER_QUEUE, { campaignId: campaign.id });
    await expect
      .poll(() => mailsTo(admin.operator.email, 'Reminder: 2 items to review in "Q4 admins"').length, { timeout: 30_000 })
      .toBe(1);
    await expect.poll(() => hooksWith('Access review "Q4 admins" is due').length, { timeout: 30_000 }).toBe(1);
    await settled();
    expect(mailsTo(quiet.operator.email, "Reminder:")).toHaveLength(0);
    expect(mailsTo(admin.operator.email, `https://roster.example.test/reviews/${campaign.id}`)).toHaveLength(2);
    expect(JSON.stringify({ mails, hooks })).not.toContain("@member.example");
    // Two days before the due date; halfway for a campaign shorter than four days.
    const created = new Date("2026-12-01T00:00:00Z");
    expect(reminderAt(created, new Date("2026-12-10T00:00:00Z")).toISOString()).toBe("2026-12-08T00:00:00.000Z");
    expect(reminderAt(created, new Date("2026-12-02T00:00:00Z")).toISOString()).toBe("2026-12-01T12:00:00.000Z");
  });
});
