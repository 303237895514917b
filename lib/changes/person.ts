import { ApiError } from "../api/errors";
import { normaliseEmail } from "../email";
import { personKey } from "../directory/people";
import { getSnapshots, patchSnapshot } from "../directory/snapshot";
import type { Membership } from "../directory/types";
import { isProviderError } from "../providers/errors";
import type { Member } from "../providers/types";
import type { PersonDetailResponse } from "./types";
import { usageOf, type UsageView } from "../governance/usage-store";

/** Everything Roster knows of one person, by normalised email. */
export async function personMembers(email: string): Promise<Member[]> {
  const key = normaliseEmail(email);
  const views = await getSnapshots();
  return views.flatMap((v) => v.members.filter((m) => personKey(m) === key));
}

function membershipOf(m: Member, fresh: boolean): PersonDetailResponse["memberships"][number] {
  const membership: Membership = {
    provider: m.provider,
    id: m.id,
    role: m.role,
    status: m.status,
    kind: m.kind,
    addedAt: m.addedAt,
    managed: m.managed,
    ...(m.lastActiveAt !== undefined ? { lastActiveAt: m.lastActiveAt } : {}),
    ...(m.scopedRoles?.length
      ? {
          scopedRoles: m.scopedRoles.map(({ scope, scopeId, scopeName, role, via, unreadable }) => ({
            ...(scope !== "workspace" ? { scope } : {}),
            scopeId,
            scopeName,
            role,
            ...(via ? { via } : {}),
            ...(unreadable ? { unreadable } : {}),
          })),
        }
      : {}),
  };
  return { ...membership, fresh };
}

/** A membership's last activity is the later of what the member list says and what the usage read saw (lib/governance/usage-store.ts). */
function foldUsage<M extends Membership>(memberships: M[], usage: UsageView[]): M[] {
  return memberships.map((m) => {
    const used = usage.find((u) => u.provider === m.provider && u.memberId === m.id);
    if (!used || (m.lastActiveAt && Date.parse(m.lastActiveAt) >= Date.parse(used.lastActiveAt))) return m;
    return { ...m, lastActiveAt: used.lastActiveAt };
  });
}

/** The person page: each active membership read fresh from its provider, as it is now. */
export async function personDetail(email: string, operatorEmail: string): Promise<PersonDetailResponse> {
  const known = await personMembers(email);
  if (known.length === 0) throw new ApiError("not_found", `Nobody with the email ${email} on any provider`);
  const views = await getSnapshots();
  const adapters = new Map(views.map((v) => [v.provider.settings.id, v.provider.adapter]));
  const errors: PersonDetailResponse["errors"] = [];
  const memberships = await Promise.all(
    known.map(async (member) => {
      const adapter = adapters.get(member.provider);
      if (member.status !== "active" || !adapter) return membershipOf(member, false);
      try {
        const fresh = await adapter.getMember(member.id);
        if (!fresh) {
          // Gone on the provider since the last sync: forget it here too.
          await patchSnapshot(member.provider, (members) => members.filter((m) => m.id !== member.id));
          return null;
        }
        await patchSnapshot(member.provider, (members) => members.map((m) => (m.id === member.id ? { ...m, ...fresh } : m)));
        return membershipOf(fresh, true);
      } catch (error) {
        errors.push({
          provider: member.provider,
          status: isProviderError(error) ? error.status : null,
          message: error instanceof Error ? error.message : String(error),
        });
        return membershipOf(member, false);
      }
    }),
  );
  const present = foldUsage(
    memberships.filter((m): m is NonNullable<typeof m> => m !== null),
    await usageOf(known),
  );
  const first = known.find((m) => m.name) ?? known[0];
  return {
    email: normaliseEmail(email),
    name: first.name || normaliseEmail(email).split("@")[0],
    memberships: present.sort((a, b) => a.provider.localeCompare(b.provider)),
    errors,
    isSelf: normaliseEmail(email) === operatorEmail,
  };
}
