import type { Member } from "../providers/types";

/**
 * A member as a provider adapter reads one, for tests that need many: an active person with
 * the role `reader` and no email unless given; `over` sets what the test is about.
 */
export function testMember(over: Partial<Member> & Pick<Member, "provider" | "id">): Member {
  const role = over.role ?? "reader";
  return {
    email: null,
    name: "",
    role,
    roleId: role,
    status: "active",
    kind: "person",
    addedAt: null,
    managed: false,
    ...over,
  };
}
