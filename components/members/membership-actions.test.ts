import { describe, expect, it } from "vitest";
import type { Membership } from "@/lib/directory/types";
import { NEEDS_ADMIN } from "@/components/shell/operator-context";
import { membershipActions } from "./membership-actions";

const member = (patch: Partial<Membership> = {}): Membership => ({
  provider: "openai",
  id: "user-1",
  role: "reader",
  status: "active",
  kind: "person",
  addedAt: null,
  managed: false,
  ...patch,
});

describe("the actions a membership offers", () => {
  const everywhere = () => true;

  it("a member can change role or be removed, by an admin", () => {
    expect(membershipActions(member(), true, everywhere)).toEqual({ changeRole: { enabled: true }, remove: { enabled: true } });
  });

  it("a viewer sees the same actions, disabled, with the reason", () => {
    const actions = membershipActions(member(), false, everywhere);
    expect(actions.changeRole).toEqual({ enabled: false, reason: NEEDS_ADMIN });
    expect(actions.remove).toEqual({ enabled: false, reason: NEEDS_ADMIN });
  });

  it("a pending invite can only be revoked, and only where the provider's API can", () => {
    const invite = member({ status: "invited" });
    expect(membershipActions(invite, true, everywhere)).toEqual({ revokeInvite: { enabled: true } });
    const arthur = membershipActions({ ...invite, provider: "arthur" }, true, (p) => p !== "arthur");
    expect(arthur.revokeInvite).toEqual({ enabled: false, reason: "Arthur's API cannot revoke invites" });
    expect(membershipActions(invite, false, everywhere).revokeInvite).toEqual({ enabled: false, reason: NEEDS_ADMIN });
  });
});
