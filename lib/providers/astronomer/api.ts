import type { ReadReport } from "../read-report";
import type {
  ChangeRoleInput,
  Identity,
  Invite,
  InviteInput,
  ListOptions,
  Member,
  ProviderCapabilities,
  RemoveMemberInput,
  Workspace,
} from "../types";
import type { ReadContext } from "./reading";

/**
 * What each Astro API version provides to the one adapter (adapter.ts). Each version has
 * its own wire schemas, client and implementation of this interface (api-v1alpha1.ts, api-v1.ts).
 */
export interface AstroApi {
  readonly version: AstroVersion;
  readonly capabilities: ProviderCapabilities;
  whoami(signal?: AbortSignal): Promise<Identity>;
  members(ctx: ReadContext): Promise<Member[]>;
  invites(ctx: ReadContext): Promise<Invite[]>;
  workspaces(ctx: ReadContext): Promise<Workspace[]>;
  member(memberId: string, ctx: ReadContext): Promise<Member | null>;
  invite(input: InviteInput): Promise<Invite | null>;
  revokeInvite(inviteId: string): Promise<void>;
  changeRole(input: ChangeRoleInput): Promise<void>;
  removeMember(input: RemoveMemberInput): Promise<void>;
}

export const ASTRO_VERSIONS = ["v1alpha1", "v1"] as const;
export type AstroVersion = (typeof ASTRO_VERSIONS)[number];

/** The API version a base URL speaks: the last path segment (`…/v1` or `…/v1alpha1`). */
export function astroVersionOf(baseUrl: string): AstroVersion {
  let last = "";
  try {
    last = new URL(baseUrl).pathname.replace(/\/+$/, "").split("/").pop() ?? "";
  } catch {
    // not a URL: the http layer reports that on the first request
  }
  return last === "v1" ? "v1" : "v1alpha1";
}

export interface AstroApiTuning {
  pageSize: number;
  /** The clock that decides whether an invite has expired (tests pin it). */
  now: () => number;
}

/** A provider failure (duck-typed: the error class may come from another server layer's copy of the module). */
export function providerFailure(error: unknown): { status: number | null; message: string; kind: string } | null {
  if (!error || typeof error !== "object") return null;
  const e = error as { name?: unknown; provider?: unknown; kind?: unknown; status?: unknown; message?: unknown };
  if (e.name !== "ProviderError" || typeof e.kind !== "string") return null;
  return { status: typeof e.status === "number" ? e.status : null, message: String(e.message ?? ""), kind: e.kind };
}

/**
 * Reads one part of a listing (one workspace's users, one team's members). When the
 * provider refuses or fails that part, the rest of the listing stands: the part is
 * reported missing and `fallback` is used. A rejected token (401) or a cancelled read
 * fails the whole listing, as it would fail every other part too.
 */
export async function readPart<T>(
  part: { name: string; permission?: string },
  report: ReadReport | undefined,
  read: () => Promise<T>,
  fallback: (reason: string) => T,
): Promise<T> {
  try {
    return await read();
  } catch (error) {
    const failure = providerFailure(error);
    if (!failure || failure.status === 401) throw error;
    const reason = failure.status ? `${failure.status}: ${failure.message}` : failure.message;
    report?.missingPart({ part: part.name, reason: failure.message, status: failure.status, permission: part.permission });
    return fallback(reason);
  }
}

export type { ListOptions };
