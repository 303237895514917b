import type { ChangeResult } from "../../lib/changes/types";
import { expect, inFreshWorld, test } from "../fixtures";
import { lastAudit, leaveOnlyOwner, ordinaryMember, people, roles } from "./member-helpers";
import { readyOperator } from "./operator-helpers";

/**
 * Arthur matches its UUID member ids without regard to case; Roster does too, so an
 * upper-cased id meets every rule the lower-cased one does. A member Roster cannot find
 * (in its snapshot or on the provider) is refused with 404, and the refusal audited.
 */

test.describe("member ids in another letter case", () => {
  inFreshWorld(test, "each");

  test("your own Arthur membership by an upper-cased id still needs confirmSelf", async ({ as }) => {
    const owner = await as("owner");
    const { person, membership } = await ordinaryMember(owner, "arthur");
    // An admin operator whose email is that Arthur member's.
    const { ctx: self } = await readyOperator(owner, "admin", person.email!);
    const { plain } = await roles(self, "arthur");
    const other = plain.find((r) => r.name !== membership.role) ?? plain[0];
    const res = await self.patch(`/api/members/arthur/${membership.id.toUpperCase()}`, { data: { role: other.id } });
    expect(res.status(), await res.text()).toBe(409);
    expect((await res.json()).error.code).toBe("confirm_self");
    const removal = await self.delete(`/api/members/arthur/${membership.id.toUpperCase()}`);
    expect(removal.status()).toBe(409);
    expect((await removal.json()).error.code).toBe("confirm_self");
    await self.dispose();
  });

  test("the last Arthur owner by an upper-cased id cannot be demoted or removed", async ({ as }) => {
    const admin = await as("admin");
    const { owner, plain } = await roles(admin, "arthur");
    const owners = (await people(admin, `provider=arthur&status=active&role=${encodeURIComponent(owner.name)}`)).people
      .map((p) => ({
        ...p.memberships.find((m) => m.provider === "arthur" && m.role === owner.name && m.status === "active")!,
        email: p.email,
      }))
      .filter((m) => m.id);
    const last = owners[0];
    await leaveOnlyOwner(admin, "arthur", last, owners.slice(1), plain[0].id);
    const demote = await admin.patch(`/api/members/arthur/${last.id.toUpperCase()}`, { data: { role: plain[0].id } });
    expect(demote.status(), await demote.text()).toBe(409);
    expect((await demote.json()).error.code).toBe("last_owner");
    expect(await lastAudit(admin, "provider=arthur&action=change_role")).toMatchObject({
      outcome: "refused",
      target: { id: last.id, email: last.email },
    });
    const remove = await admin.delete(`/api/members/arthur/${last.id.toUpperCase()}`);
    expect(remove.status()).toBe(409);
    expect((await remove.json()).error.code).toBe("last_owner");
  });

  test("a removal by an upper-cased id is audited with the member's email and leaves the list current", async ({ as }) => {
    const admin = await as("admin");
    const { person, membership } = await ordinaryMember(admin, "arthur");
    const res = await admin.delete(`/api/members/arthur/${membership.id.toUpperCase()}`);
    expect(res.status(), await res.text()).toBe(200);
    const { result } = (await res.json()) as { result: ChangeResult };
    expect(result).toMatchObject({ targetId: membership.id, targetEmail: person.email });
    expect(await lastAudit(admin, "provider=arthur&action=remove_member")).toMatchObject({
      outcome: "success",
      target: { id: membership.id, email: person.email },
    });
    const after = await people(admin, `q=${encodeURIComponent(person.email!)}`);
    expect(after.people.find((p) => p.email === person.email)?.memberships.some((m) => m.provider === "arthur") ?? false).toBe(false);
  });

  test("a member nobody can find is refused with 404 and the refusal is audited, never a success", async ({ as }) => {
    const admin = await as("admin");
    for (const [provider, id] of [
      ["arthur", "0F0F0F0F-0000-4000-8000-00000000ABCD"],
      ["openai", "user-NoSuchMember"],
    ] as const) {
      const res = await admin.patch(`/api/members/${provider}/${id}`, { data: { role: (await roles(admin, provider)).plain[0].id } });
      expect(res.status(), await res.text()).toBe(404);
      expect((await res.json()).error.code).toBe("not_found");
      expect(await lastAudit(admin, `provider=${provider}&action=change_role`)).toMatchObject({ outcome: "refused" });
    }
  });
});
