import type { z } from "zod";
import type { RosterRole } from "../../auth/roles";
import { auditExportQuerySchema, auditQuerySchema } from "../../audit/types";
import {
  changeRoleSchema,
  dryRunQuerySchema,
  emailParamSchema,
  inviteParamsSchema,
  memberParamsSchema,
  offboardSchema,
  removeMemberQuerySchema,
} from "../../changes/types";
import { syncBodySchema, usersQuerySchema } from "../../directory/types";
import { addToGroupSchema, groupsQuerySchema, memberGroupParamsSchema } from "../../changes/group-schemas";
import { approveSchema, createInviteRequestSchema, listRequestsQuerySchema, rejectSchema, requestParamsSchema } from "../../invites/types";
import { addOperatorSchema, changePasswordSchema, operatorIdParamsSchema, updateOperatorSchema } from "../../operators/types";
import {
  accountIdParamsSchema,
  createArthurUserSchema,
  createServiceAccountSchema,
  serviceAccountNameSchema,
  updateArthurUserSchema,
} from "../../service-accounts/types";
import { bulkBodySchema, bulkParamsSchema } from "../../jobs/bulk-types";
import { notificationPreferencesPatchSchema } from "../../notify/types";
import { createTokenSchema, tokenIdParamsSchema } from "../../tokens/types";
import { outsideChangesQuerySchema } from "../../governance/outside-types";
import { createReviewSchema, decideSchema, itemsQuerySchema, reviewParamsSchema } from "../../reviews/types";

/**
 * Every operation of Roster's API, with the very zod schemas its route handler parses with
 * (lib/api/openapi/routes.test.ts imports each route and checks that they are the same
 * objects, the same role, and that every route and method is here). The OpenAPI document
 * (GET /api/openapi.json) is generated from this list.
 */

/** A schema of named values (path or query parameters); refinements and transforms allowed. */
export type ParamsSchema = z.ZodType<unknown, Record<string, unknown>>;

export interface Operation {
  summary: string;
  description?: string;
  tag: string;
  /** The least Roster role; absent for public routes. */
  role?: RosterRole;
  params?: ParamsSchema;
  query?: ParamsSchema;
  body?: z.ZodType;
  /** API tokens are refused (a signed-in person only). */
  sessionOnly?: boolean;
  /** Answers CSV instead of JSON. */
  csv?: boolean;
  /** Answers a secret, once. */
  secret?: boolean;
  /** May answer 202 with a request a second admin approves (the two-person rule). */
  approval?: boolean;
  /** Answers plain text (Prometheus' format) instead of JSON. */
  text?: boolean;
}

/** Keyed `METHOD /api/path/{param}`. */
export const OPERATIONS: Record<string, Operation> = {
  "GET /api/health": { tag: "Operations", summary: "Liveness: the process answers (no session, no database)" },
  "GET /api/ready": {
    tag: "Operations",
    summary: "Readiness: database reachable and migrated, each provider's sync age; 503 when not ready",
  },
  "GET /api/openapi.json": { tag: "Operations", summary: "This document" },
  "GET /api/metrics": {
    tag: "Operations",
    text: true,
    summary: "Prometheus metrics",
    description:
      "Only with `Authorization: Bearer <ROSTER_METRICS_TOKEN>` (not an API token); 404 when that variable is unset, 401 when the token is wrong.",
  },
  "GET /api/auth/{nextauth}": { tag: "Sign-in", summary: "next-auth's own endpoints (session, csrf, providers, sign-in pages)" },
  "POST /api/auth/{nextauth}": { tag: "Sign-in", summary: "next-auth's own endpoints (sign-in by password or single sign-on, sign-out)" },

  "GET /api/users": {
    tag: "Directory",
    role: "viewer",
    query: usersQuerySchema,
    summary: "People across every provider: search, filters, sort, one page",
  },
  "GET /api/users/export": {
    tag: "Directory",
    role: "viewer",
    query: usersQuerySchema,
    csv: true,
    summary: "The people list as CSV, streamed (page and pageSize ignored)",
  },
  "GET /api/people/{email}": { tag: "Directory", role: "viewer", params: emailParamSchema, summary: "One person on every provider" },
  "GET /api/people/{email}/timeline": {
    tag: "Directory",
    role: "viewer",
    params: emailParamSchema,
    summary: "One timeline of a person: Roster's audit entries about them and the changes their providers logged that Roster did not make",
  },
  "GET /api/connections": {
    tag: "Directory",
    role: "viewer",
    summary: "Each provider's connection, mode, state and what its last read noted",
  },
  "GET /api/roles": { tag: "Directory", role: "viewer", summary: "Each provider's roles" },
  "GET /api/groups": {
    tag: "Directory",
    role: "viewer",
    query: groupsQuerySchema,
    summary: "A provider's groups (OpenAI, Arthur) or teams (Astronomer): members, member count and the roles each grants",
  },
  "POST /api/sync": {
    tag: "Directory",
    role: "viewer",
    body: syncBodySchema,
    summary: "Read one provider's (or every provider's) members again",
  },

  "PATCH /api/members/{provider}/{memberId}": {
    tag: "Changes",
    role: "admin",
    params: memberParamsSchema,
    query: dryRunQuerySchema,
    body: changeRoleSchema,
    approval: true,
    summary:
      "Change a member's role (an admin-level role, or one over the mass-change threshold, waits for a second admin: 202; ?dryRun=true answers the plan)",
  },
  "DELETE /api/members/{provider}/{memberId}": {
    tag: "Changes",
    role: "admin",
    params: memberParamsSchema,
    query: removeMemberQuerySchema,
    approval: true,
    summary: "Remove a member from a provider (or a workspace); over the mass-change threshold, 202; ?dryRun=true answers the plan",
  },
  "DELETE /api/invites/{provider}/{inviteId}": {
    tag: "Changes",
    role: "admin",
    params: inviteParamsSchema,
    query: dryRunQuerySchema,
    approval: true,
    summary: "Revoke a pending invite; over the mass-change threshold, 202; ?dryRun=true answers the plan",
  },
  "POST /api/members/{provider}/{memberId}/groups": {
    tag: "Changes",
    role: "admin",
    params: memberParamsSchema,
    body: addToGroupSchema,
    approval: true,
    summary:
      "Add a member to a group or team (where the provider's API allows); a group granting an admin-level role waits for a second admin: 202",
  },
  "DELETE /api/members/{provider}/{memberId}/groups/{groupId}": {
    tag: "Changes",
    role: "admin",
    params: memberGroupParamsSchema,
    summary: "Remove a member from a group or team (refused when it is the last owner's only source of the owner role)",
  },
  "POST /api/people/{email}/offboard": {
    tag: "Changes",
    role: "admin",
    params: emailParamSchema,
    query: dryRunQuerySchema,
    body: offboardSchema,
    approval: true,
    summary:
      "Remove a person everywhere: every membership and pending invite on every provider (or the providers named); over the mass-change threshold, 202; ?dryRun=true answers the plan",
  },
  "POST /api/bulk": {
    tag: "Changes",
    role: "admin",
    body: bulkBodySchema,
    summary: "Start a bulk change (role changes, removals, revokes, offboards) on the server; answered 202 with the run",
  },
  "GET /api/bulk/{id}": { tag: "Changes", role: "admin", params: bulkParamsSchema, summary: "A bulk run's progress, item by item" },
  "POST /api/bulk/{id}/retry": {
    tag: "Changes",
    role: "admin",
    params: bulkParamsSchema,
    summary: "Retry the failed items of a bulk run only",
  },
  "GET /api/jobs": { tag: "Changes", role: "owner", summary: "Recent background work: bulk runs, invite sendings, scheduled jobs" },

  "GET /api/invites": { tag: "Invites", role: "viewer", summary: "Every pending invite on every provider" },
  "GET /api/invite-requests": { tag: "Invites", role: "viewer", query: listRequestsQuerySchema, summary: "Invite requests" },
  "POST /api/invite-requests": {
    tag: "Invites",
    role: "requester",
    body: createInviteRequestSchema,
    sessionOnly: true,
    summary: "Ask for invites (sent once another admin approves)",
  },
  "GET /api/invite-requests/{id}": {
    tag: "Invites",
    role: "viewer",
    params: requestParamsSchema,
    summary: "One invite request with its items",
  },
  "POST /api/invite-requests/{id}/approve": {
    tag: "Invites",
    role: "admin",
    params: requestParamsSchema,
    body: approveSchema,
    sessionOnly: true,
    summary: "Approve a request and send its invites",
  },
  "POST /api/invite-requests/{id}/reject": {
    tag: "Invites",
    role: "admin",
    params: requestParamsSchema,
    body: rejectSchema,
    sessionOnly: true,
    summary: "Reject a request, with a reason",
  },
  "POST /api/invite-requests/{id}/cancel": {
    tag: "Invites",
    role: "requester",
    params: requestParamsSchema,
    sessionOnly: true,
    summary: "Cancel your own pending request",
  },
  "POST /api/invite-requests/{id}/retry": {
    tag: "Invites",
    role: "admin",
    params: requestParamsSchema,
    sessionOnly: true,
    summary: "Send the failed items of an approved request again",
  },

  "GET /api/service-accounts": { tag: "Arthur", role: "admin", summary: "Arthur service accounts" },
  "POST /api/service-accounts": {
    tag: "Arthur",
    role: "admin",
    body: createServiceAccountSchema,
    secret: true,
    approval: true,
    summary: "Create an Arthur service account (its secret answered once; 202 while a second admin must approve)",
  },
  "PATCH /api/service-accounts/{id}": {
    tag: "Arthur",
    role: "admin",
    params: accountIdParamsSchema,
    body: serviceAccountNameSchema,
    summary: "Rename an Arthur service account",
  },
  "POST /api/service-accounts/{id}/credentials": {
    tag: "Arthur",
    role: "admin",
    params: accountIdParamsSchema,
    secret: true,
    summary: "A new client secret (answered once); the old one stops working",
  },
  "POST /api/arthur/users": {
    tag: "Arthur",
    role: "admin",
    body: createArthurUserSchema,
    secret: true,
    approval: true,
    summary: "Create an Arthur user with a one-time password (202 while a second admin must approve)",
  },
  "PATCH /api/arthur/users/{id}": {
    tag: "Arthur",
    role: "admin",
    params: accountIdParamsSchema,
    body: updateArthurUserSchema,
    summary: "Rename an Arthur user",
  },
  "POST /api/arthur/accept-invites": {
    tag: "Arthur",
    role: "owner",
    summary: "Accept the pending invitations of Roster's own Arthur identity",
  },

  "GET /api/audit": {
    tag: "Audit",
    role: "viewer",
    query: auditQuerySchema,
    summary: "The audit log, filtered, one page, with the chain's head",
  },
  "GET /api/outside-changes": {
    tag: "Audit",
    role: "viewer",
    query: outsideChangesQuerySchema,
    summary: "Membership changes the providers logged that Roster did not make, newest first, one page",
  },
  "GET /api/audit/export": {
    tag: "Audit",
    role: "viewer",
    query: auditExportQuerySchema,
    csv: true,
    summary: "The filtered audit log as CSV, streamed",
  },

  "GET /api/reviews": { tag: "Access reviews", role: "viewer", summary: "Access review campaigns, newest first" },
  "POST /api/reviews": {
    tag: "Access reviews",
    role: "owner",
    body: createReviewSchema,
    summary: "Create a campaign: its items are the memberships in scope in the stored directory, each with its reviewer",
  },
  "GET /api/reviews/{id}": {
    tag: "Access reviews",
    role: "viewer",
    params: reviewParamsSchema,
    summary: "One campaign with each reviewer's progress and the outcomes so far",
  },
  "GET /api/reviews/{id}/items": {
    tag: "Access reviews",
    role: "viewer",
    params: reviewParamsSchema,
    query: itemsQuerySchema,
    summary: "A campaign's items, one page (keyset: pass `next` as `after`); `reviewer=me` for your queue",
  },
  "POST /api/reviews/{id}/decisions": {
    tag: "Access reviews",
    role: "viewer",
    params: reviewParamsSchema,
    body: decideSchema,
    summary: "Decide items (keep, remove, change role; a reason for remove and change): only each item's reviewer, or an owner",
  },
  "POST /api/reviews/{id}/close": {
    tag: "Access reviews",
    role: "owner",
    params: reviewParamsSchema,
    summary: "Close a campaign and carry out its decisions as audited changes (admin-level roles wait for a second admin)",
  },
  "POST /api/reviews/{id}/retry": {
    tag: "Access reviews",
    role: "owner",
    params: reviewParamsSchema,
    summary: "Carry out a closed campaign's failed items again",
  },
  "GET /api/reviews/{id}/report": {
    tag: "Access reviews",
    role: "viewer",
    params: reviewParamsSchema,
    summary: "The report: per reviewer, per decision, per outcome",
  },
  "GET /api/reviews/{id}/report/export": {
    tag: "Access reviews",
    role: "viewer",
    params: reviewParamsSchema,
    csv: true,
    summary: "Every item with its decision, outcome, timestamps and audit entries, as CSV (streamed)",
  },

  "GET /api/operators": { tag: "Roster", role: "admin", summary: "Roster's operators" },
  "POST /api/operators": { tag: "Roster", role: "owner", body: addOperatorSchema, sessionOnly: true, summary: "Add an operator" },
  "PATCH /api/operators/{id}": {
    tag: "Roster",
    role: "owner",
    params: operatorIdParamsSchema,
    body: updateOperatorSchema,
    sessionOnly: true,
    summary: "Change an operator's role, or disable them",
  },
  "POST /api/account/password": {
    tag: "Roster",
    role: "viewer",
    body: changePasswordSchema,
    sessionOnly: true,
    summary: "Change your own password (ends your sessions)",
  },
  "GET /api/me/notifications": {
    tag: "Roster",
    role: "viewer",
    sessionOnly: true,
    summary: "Your notification choices: per event, email on or off, and which channels the server has",
  },
  "PATCH /api/me/notifications": {
    tag: "Roster",
    role: "viewer",
    body: notificationPreferencesPatchSchema,
    sessionOnly: true,
    summary: "Turn email on or off for some events (the others stay as they are)",
  },
  "GET /api/tokens": {
    tag: "Roster",
    role: "owner",
    sessionOnly: true,
    summary: "API tokens, with who made them, last use and expiry (never their secrets)",
  },
  "POST /api/tokens": {
    tag: "Roster",
    role: "owner",
    body: createTokenSchema,
    sessionOnly: true,
    secret: true,
    summary: "Create an API token (its secret answered once)",
  },
  "DELETE /api/tokens/{id}": {
    tag: "Roster",
    role: "owner",
    params: tokenIdParamsSchema,
    sessionOnly: true,
    summary: "Revoke an API token",
  },
};
