import { isRosterRole, ROLE_LABEL } from "../auth/roles";
import { roleLabel } from "../providers/role-label";
import { PROVIDER_IDS, PROVIDER_LABELS, type ProviderId } from "../providers/types";
import { type AuditAction, auditActionLabel, isAuditAction } from "./constants";
import { describeChange } from "../invites/describe-change";
import type { RequestedChange } from "../invites/types";
import type { AuditEvent } from "./types";

/**
 * Each audit entry as a sentence: what changed, on whom, where. Written in the imperative
 * ("Change the role of …"), so it reads right beside any outcome (success, refused,
 * failure, skipped). The page and the CSV both show it. Reads stored entries liberally:
 * an entry written by an older Roster, with fields missing, still gets a sentence.
 */

type Described = Omit<AuditEvent, "description">;
type Fields = Record<string, unknown>;

const fields = (value: unknown): Fields => (value && typeof value === "object" && !Array.isArray(value) ? (value as Fields) : {});
const text = (value: unknown): string | null => (typeof value === "string" && value.trim() !== "" ? value : null);

function providerName(provider: string | null): string | null {
  if (!provider) return null;
  return (PROVIDER_IDS as readonly string[]).includes(provider) ? PROVIDER_LABELS[provider as ProviderId] : provider;
}

function role(value: unknown): string | null {
  const r = text(value);
  return r === null ? null : roleLabel(r);
}

function rosterRole(value: unknown): string {
  const r = text(value) ?? "unknown";
  return isRosterRole(r) ? ROLE_LABEL[r] : r;
}

function quoted(value: unknown): string {
  return `"${text(value) ?? "?"}"`;
}

/** The person or thing changed: an email or a name first, an id only when nothing else is known. */
export function targetLabel(event: Pick<Described, "target" | "before" | "after">): string {
  const name = text(fields(event.after).name) ?? text(fields(event.before).name);
  return text(event.target.email) ?? (name ? `"${name}"` : null) ?? text(event.target.id) ?? "someone";
}

function list(items: string[], max = 3): string {
  if (items.length <= max) return items.join(", ");
  return `${items.slice(0, max).join(", ")} and ${items.length - max} more`;
}

function onProvider(event: Described): string {
  const name = providerName(event.provider);
  return name ? ` on ${name}` : "";
}

function changeRole(e: Described): string {
  const before = fields(e.before);
  const after = fields(e.after);
  const project = text(after.project) ?? text(before.project);
  const workspace = text(after.workspace) ?? text(before.workspace);
  const where = project ? ` in project ${project}` : workspace ? ` in workspace ${workspace}` : "";
  return `Change the role of ${targetLabel(e)}${where}${onProvider(e)} from ${role(before.role) ?? "no role"} to ${role(after.role) ?? "no role"}`;
}

function removeMember(e: Described): string {
  const before = fields(e.before);
  const project = text(before.project);
  const named = text(before.workspace) ?? text(before.workspaceId);
  const workspace = project ? `project ${project}` : named ? `workspace ${named}` : null;
  const was = role(before.role);
  return `Remove ${targetLabel(e)} from ${workspace ? `${workspace}${onProvider(e)}` : (providerName(e.provider) ?? "the provider")}${was ? ` (was ${was})` : ""}`;
}

function offboard(e: Described): string {
  const steps = e.steps ?? [];
  const where = [...new Set(steps.map((s) => providerName(s.provider)).filter((p): p is string => p !== null))];
  const done = steps.filter((s) => s.outcome === "success").length;
  const tally = steps.length ? `: ${done} of ${steps.length} step${steps.length === 1 ? "" : "s"} done` : "";
  return `Remove ${targetLabel(e)} from ${where.length ? list(where) : "every provider"}${tally}`;
}

function requestInvite(e: Described): string {
  const after = fields(e.after);
  const emails = Array.isArray(after.emails) ? after.emails.filter((x): x is string => typeof x === "string") : [];
  const providers = Array.isArray(after.providers)
    ? after.providers.map((p) => `${providerName(text(fields(p).provider)) ?? "?"} as ${role(fields(p).role) ?? "?"}`)
    : [];
  const who = emails.length ? list(emails) : targetLabel(e);
  return `${after.direct === true ? "Invite" : "Ask to invite"} ${who}${providers.length ? ` to ${list(providers)}` : ""}`;
}

const CHANGE_KINDS = new Set(["arthur_user", "admin_role", "service_account", "mass_change"]);

/** A change that waits for a second admin (the two-person rule), in the words the approval queue uses. */
function requestChange(e: Described): string {
  const after = fields(e.after);
  const reason = text(after.reason);
  let what: string;
  try {
    what = CHANGE_KINDS.has(text(after.kind) ?? "")
      ? describeChange(after as unknown as RequestedChange)
      : `change ${targetLabel(e)}${onProvider(e)}`;
  } catch {
    what = `change ${targetLabel(e)}${onProvider(e)}`;
  }
  return `Ask a second admin to approve: ${what}${reason ? ` ("${reason}")` : ""}`;
}

function decision(verb: string, e: Described): string {
  const reason = text(fields(e.after).reason);
  return `${verb} the invite request of ${targetLabel(e)}${reason ? `: "${reason}"` : ""}`;
}

function sendInvite(e: Described): string {
  const r = role(fields(e.after).role);
  return `Invite ${targetLabel(e)} to ${providerName(e.provider) ?? "the provider"}${r ? ` as ${r}` : ""}`;
}

function updateOperator(e: Described): string {
  const before = fields(e.before);
  const after = fields(e.after);
  const who = targetLabel({ ...e, before: null, after: null });
  const parts: string[] = [];
  if (before.disabled !== after.disabled) parts.push(after.disabled === true ? `Disable operator ${who}` : `Enable operator ${who}`);
  if (before.role !== after.role) {
    const change = `from ${rosterRole(before.role)} to ${rosterRole(after.role)}`;
    parts.push(parts.length ? `change their Roster role ${change}` : `Change the Roster role of ${who} ${change}`);
  }
  return parts.length ? parts.join(" and ") : `Update operator ${who} (nothing changed)`;
}

function updateUser(e: Described): string {
  const after = fields(e.after);
  const name = [text(after.firstName), text(after.lastName)].filter(Boolean).join(" ");
  return `Rename Arthur user ${text(e.target.email) ?? text(e.target.id) ?? "?"} from ${quoted(fields(e.before).name)} to "${name}"`;
}

function createUser(e: Described): string {
  const after = fields(e.after);
  const name = [text(after.firstName), text(after.lastName)].filter(Boolean).join(" ");
  return `Create Arthur user ${text(e.target.email) ?? text(after.email) ?? "?"}${name ? ` (${name})` : ""}`;
}

/** "Add x to group data-team (Organization Admin) on Arthur": the group (or team) and what it grants. */
function groupChange(verb: "Add" | "Remove", e: Described): string {
  const group = fields(verb === "Add" ? e.after : e.before);
  const kind = text(group.kind) ?? "group";
  const grants = Array.isArray(group.grants) ? group.grants.map((g) => role(g) ?? "?") : [];
  const where = `${kind} ${quoted(group.group)}${grants.length ? ` (${list(grants)})` : ""}`;
  return `${verb} ${targetLabel({ ...e, before: null, after: null })} ${verb === "Add" ? "to" : "from"} ${where}${onProvider(e)}`;
}

const SENTENCES: Record<AuditAction, (e: Described) => string> = {
  change_role: changeRole,
  remove_member: removeMember,
  add_to_group: (e) => groupChange("Add", e),
  remove_from_group: (e) => groupChange("Remove", e),
  revoke_invite: (e) => {
    const was = role(fields(e.before).role);
    return `Revoke the pending invite of ${targetLabel(e)}${onProvider(e)}${was ? ` (as ${was})` : ""}`;
  },
  offboard,
  mass_change: (e) => {
    const steps = e.steps ?? [];
    const done = steps.filter((s) => s.outcome === "success").length;
    return `Run an approved mass change of ${typeof fields(e.after).memberships === "number" ? fields(e.after).memberships : "several"} memberships${steps.length ? `: ${done} of ${steps.length} step${steps.length === 1 ? "" : "s"} done` : ""}`;
  },
  request_invite: requestInvite,
  request_change: requestChange,
  create_api_token: (e) => {
    const after = fields(e.after);
    const providers = Array.isArray(after.providers) ? after.providers.map((p) => providerName(text(p)) ?? "?") : [];
    const until = text(after.expiresAt);
    return `Create API token ${quoted(after.name)} acting as a Roster ${rosterRole(after.role)}${providers.length ? ` on ${list(providers)} only` : ""}${until ? `, valid until ${until.slice(0, 10)}` : ""}`;
  },
  revoke_api_token: (e) => `Revoke API token ${quoted(fields(e.before).name)}`,
  approve_request: (e) => decision(fields(e.after).direct === true ? "Approve (direct invite)" : "Approve", e),
  reject_request: (e) => decision("Reject", e),
  cancel_request: (e) => decision("Cancel", e),
  expire_request: (e) => `The invite request of ${targetLabel(e)} expired unanswered`,
  send_invite: sendInvite,
  create_service_account: (e) => {
    const r = role(fields(e.after).role);
    return `Create service account ${quoted(fields(e.after).name)}${onProvider(e)}${r ? ` with role ${r}` : ""}`;
  },
  rename_service_account: (e) =>
    `Rename service account ${quoted(fields(e.before).name)} to ${quoted(fields(e.after).name)}${onProvider(e)}`,
  regenerate_credentials: (e) => `Issue a new client secret for service account ${quoted(fields(e.before).name)}${onProvider(e)}`,
  create_user: createUser,
  update_user: updateUser,
  accept_invites: (e) => `Accept the pending Arthur invitations of Roster's own account${e.target.email ? ` (${e.target.email})` : ""}`,
  add_operator: (e) => {
    const after = fields(e.after);
    return `Add ${targetLabel({ ...e, after: null })} as a Roster ${rosterRole(after.role)}${after.via === "sso" ? " (first single sign-on)" : ""}`;
  },
  update_operator: updateOperator,
  change_password: (e) =>
    e.target.email === e.actor.email ? "Change their own Roster password" : `Change the Roster password of ${targetLabel(e)}`,
  sign_in: (e) => {
    const after = fields(e.after);
    const method = { credentials: "a password", oidc: "single sign-on" }[text(after.method) ?? "credentials"] ?? text(after.method);
    return `Sign in to Roster as ${targetLabel({ ...e, after: null })} with ${method}${text(after.address) ? ` from ${text(after.address)}` : ""}`;
  },
  refused_request: (e) => {
    const after = fields(e.after);
    const call = text(after.method) && text(after.path) ? `${text(after.method)} ${text(after.path)}` : (text(e.target.id) ?? "a request");
    return `Refuse ${call}${typeof after.status === "number" ? ` (${after.status}${text(after.code) ? ` ${text(after.code)}` : ""})` : ""}`;
  },
  create_review: (e) => {
    const after = fields(e.after);
    return `Create access review ${quoted(after.name)}${typeof after.items === "number" ? ` with ${after.items} item${after.items === 1 ? "" : "s"} to review` : ""}`;
  },
  remediate_review: (e) => {
    const after = fields(e.after);
    const steps = e.steps ?? [];
    const tally = steps.length
      ? `: ${steps.filter((s) => s.outcome === "success").length} of ${steps.length} change${steps.length === 1 ? "" : "s"} done`
      : "";
    return `${after.retry === true ? "Retry the failed decisions" : "Carry out the decisions"} of access review ${quoted(after.name)}${tally}`;
  },
};

export function describeEvent(event: Described): string {
  if (isAuditAction(event.action)) return SENTENCES[event.action](event);
  return `${auditActionLabel(event.action)}${onProvider(event)}${event.target.email || event.target.id ? `: ${targetLabel(event)}` : ""}`;
}
