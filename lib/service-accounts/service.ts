import { randomBytes } from "node:crypto";
import { ApiError } from "../api/errors";
import { attemptOf, auditedChange, type ChangeContext } from "../audit/change";
import { needsSecondAdmin, requestChange } from "../invites/change-requests";
import type { ApprovalRequiredResponse } from "../invites/types";
import { patchSnapshot } from "../directory/snapshot";
import type { ArthurAccount, NewCredentials } from "../providers/arthur/adapter";
import { isProviderError } from "../providers/errors";
import type { Member, Role } from "../providers/types";
import { findRole, rolesFor } from "../changes/roles";
import { arthur } from "./arthur";
import type {
  ArthurAccountResponse,
  CreateArthurUserInput,
  ServiceAccountCredentialsResponse,
  ServiceAccountsResponse,
  UpdateArthurUserInput,
} from "./types";

/**
 * Arthur service accounts and user operations, each audited like every other change.
 * Credentials pass through once, from Arthur's answer to the operator's response: they
 * are never written to the audit log, the database or the server log (the audit entry
 * says only that credentials were issued).
 */

export async function listServiceAccounts(): Promise<ServiceAccountsResponse> {
  const { extras, adapter, mode } = arthur();
  const [accounts, me] = await Promise.all([extras.listServiceAccounts(), adapter.whoami().catch(() => null)]);
  accounts.sort((a, b) => a.name.localeCompare(b.name));
  return { accounts, selfId: me && accounts.some((a) => a.id === me.id) ? me.id : null, mode };
}

/** Shown once, to the operator who asked; nowhere else. */
function reveal(created: NewCredentials): ServiceAccountCredentialsResponse["credentials"] {
  if (created.credentials.kind !== "service_account") {
    throw new ApiError("provider_error", "Arthur answered with user credentials for a service account");
  }
  return { clientId: created.credentials.clientId, clientSecret: created.credentials.clientSecret.reveal() };
}

function asMember(account: ArthurAccount): Member {
  return { ...account, role: "", roleId: "" };
}

async function rename(id: string, name: string) {
  await patchSnapshot("arthur", (members) => members.map((m) => (m.id === id ? { ...m, name } : m)));
}

/** The account Arthur knows by this id, or 404 in Roster's words. */
async function existing(id: string): Promise<Member> {
  const member = await arthur().adapter.getMember(id);
  if (!member) throw new ApiError("not_found", `Arthur has no account with id "${id}"`);
  return member;
}

async function serviceAccount(id: string): Promise<Member> {
  const member = await existing(id);
  if (member.kind !== "service_account") {
    throw new ApiError("not_service_account", `${member.name || member.email || id} is a person, not a service account`);
  }
  return member;
}

/** The organization role a new service account gets, checked before anything is created. */
async function organizationRole(wanted: string): Promise<Role> {
  const { roles } = await rolesFor("arthur");
  const role = findRole(roles, wanted, "organization");
  if (!role) {
    const names = roles.filter((r) => r.scope === "organization").map((r) => r.name);
    throw new ApiError("unknown_role", `role must be one of ${names.join(", ")} on Arthur`, [
      { field: "role", message: `unknown organization role "${wanted}"` },
    ]);
  }
  return role;
}

/**
 * Creates the account, then binds its organization role (Arthur's API takes no role at
 * creation). The secret is answered either way: a refused binding is audited on its own
 * and reported beside the credentials, never a reason to lose them.
 */
export async function createServiceAccount(
  ctx: ChangeContext,
  name: string,
  wantedRole: string,
  reason?: string,
): Promise<ServiceAccountCredentialsResponse | ApprovalRequiredResponse> {
  const { extras, adapter } = arthur();
  const role = await organizationRole(wantedRole);
  // The two-person rule: a new account with credentials waits for a second admin, whose approval creates it.
  if (needsSecondAdmin(ctx)) return requestChange(ctx, { kind: "service_account", name, roleId: role.id, roleName: role.name }, reason);
  const attempt = attemptOf(ctx, { action: "create_service_account", provider: "arthur", before: null, after: { name, role: role.name } });
  let created: NewCredentials | undefined;
  const auditId = await auditedChange(attempt, async (entry) => {
    created = await extras.createServiceAccount(name);
    // Only Arthur's answer names the account: the result row carries it as the target.
    entry.settle({ outcome: "success", target: { id: created.account.id, email: null } });
  });
  const { account } = created!;
  // The role binding is a step of the creation: the audit log shows it under that entry.
  const binding = attemptOf(
    { ...ctx, parentAuditId: auditId },
    {
      action: "change_role",
      provider: "arthur",
      target: { id: account.id, email: null },
      before: { role: null, name: account.name },
      after: { role: role.name, name: account.name },
    },
  );
  let bound: ServiceAccountCredentialsResponse["role"];
  try {
    await auditedChange(binding, () => adapter.changeRole({ memberId: account.id, role: role.id }));
    bound = { name: role.name };
  } catch (error) {
    bound = { error: error instanceof Error ? error.message : String(error) };
  }
  const member: Member = "name" in bound ? { ...asMember(account), role: role.name, roleId: role.id } : asMember(account);
  await patchSnapshot("arthur", (members) => [...members.filter((m) => m.id !== account.id), member]);
  return { account, credentials: reveal(created!), auditId, role: bound };
}

export async function regenerateCredentials(ctx: ChangeContext, id: string): Promise<ServiceAccountCredentialsResponse> {
  const { extras } = arthur();
  const member = await serviceAccount(id);
  const attempt = attemptOf(ctx, {
    action: "regenerate_credentials",
    provider: "arthur",
    target: { id, email: null },
    before: { name: member.name },
    after: { name: member.name, credentials: "new client secret issued (not recorded)" },
  });
  let issued: NewCredentials | undefined;
  const auditId = await auditedChange(attempt, async () => {
    issued = await extras.regenerateCredentials(id);
  });
  return { account: issued!.account, credentials: reveal(issued!), auditId };
}

export async function renameServiceAccount(ctx: ChangeContext, id: string, name: string): Promise<ArthurAccountResponse> {
  const { extras } = arthur();
  const member = await serviceAccount(id);
  const attempt = attemptOf(ctx, {
    action: "rename_service_account",
    provider: "arthur",
    target: { id, email: null },
    before: { name: member.name },
    after: { name },
  });
  let account: ArthurAccount | undefined;
  const auditId = await auditedChange(attempt, async () => {
    account = await extras.renameServiceAccount(id, name);
  });
  await rename(id, account!.name);
  return { account: account!, auditId };
}

/** A one-time password Roster makes when none was given: 144 random bits. */
export function oneTimePassword(): string {
  return randomBytes(18).toString("base64url");
}

/**
 * A user created directly, with a one-time password the admin passes on; never recorded.
 * Without a password Roster makes one and answers it once. Under the two-person rule the
 * request carries no password: the approval creates the user with one Roster makes,
 * answered once to the approver.
 */
export async function createArthurUser(
  ctx: ChangeContext,
  input: CreateArthurUserInput,
): Promise<ArthurAccountResponse | ApprovalRequiredResponse> {
  const { extras } = arthur();
  const details = { email: input.email, firstName: input.firstName, lastName: input.lastName ?? null };
  if (needsSecondAdmin(ctx)) {
    if (input.password !== undefined) {
      const message = "a request for approval carries no password: the approving admin gets a one-time password to pass on";
      throw new ApiError("invalid_input", `password: ${message}`, [{ field: "password", message }]);
    }
    return requestChange(ctx, { kind: "arthur_user", ...details }, input.reason);
  }
  const password = input.password ?? oneTimePassword();
  const attempt = attemptOf(ctx, {
    action: "create_user",
    provider: "arthur",
    target: { id: null, email: input.email },
    before: null,
    after: { ...details, password: "one-time password set (not recorded)" },
  });
  let account: ArthurAccount | undefined;
  let auditId: number;
  try {
    auditId = await auditedChange(attempt, async () => {
      account = await extras.createUser({ ...details, password });
    });
  } catch (error) {
    if (isProviderError(error) && error.status === 409) {
      throw new ApiError("already_exists", `${input.email} already exists on Arthur (${error.message})`);
    }
    throw error;
  }
  await patchSnapshot("arthur", (members) => [...members.filter((m) => m.id !== account!.id), asMember(account!)]);
  return { account: account!, auditId, ...(input.password === undefined ? { password } : {}) };
}

export async function updateArthurUser(ctx: ChangeContext, id: string, input: UpdateArthurUserInput): Promise<ArthurAccountResponse> {
  const { extras } = arthur();
  const member = await existing(id);
  if (member.kind !== "person") {
    throw new ApiError("not_a_person", `${member.name || id} is a service account: rename it on the Service accounts page`);
  }
  const attempt = attemptOf(ctx, {
    action: "update_user",
    provider: "arthur",
    target: { id, email: member.email },
    before: { name: member.name },
    after: { firstName: input.firstName, lastName: input.lastName },
  });
  let account: ArthurAccount | undefined;
  const auditId = await auditedChange(attempt, async () => {
    account = await extras.updateUser(id, { firstName: input.firstName, lastName: input.lastName });
  });
  await rename(id, account!.name);
  return { account: account!, auditId };
}

/** Accepts every pending invitation of Roster's own Arthur identity (owner-only). */
export async function acceptArthurInvites(ctx: ChangeContext): Promise<{ ok: true; auditId: number }> {
  const { extras, adapter } = arthur();
  const me = await adapter.whoami().catch(() => null);
  const attempt = attemptOf(ctx, {
    action: "accept_invites",
    provider: "arthur",
    target: { id: me?.id ?? null, email: me?.email ?? null },
  });
  const auditId = await auditedChange(attempt, () => extras.acceptInvites());
  return { ok: true, auditId };
}
