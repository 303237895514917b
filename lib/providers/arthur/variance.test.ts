import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createReadReport } from "../read-report";
import { type ArthurHarness, startArthurHarness } from "./test-harness";

/**
 * Arthur answers shaped as real ones may come (lib/providers/arthur/sandbox-variance.ts),
 * read through the adapter over real HTTP: items kept with what is known, deviations
 * noted; role bindings or roles Arthur refuses leave the members listed with the part
 * noted as missing and the permission named; a total the pages do not reach is re-read
 * once, then reported.
 */

let h: ArthurHarness;
beforeAll(async () => {
  h = await startArthurHarness(240);
});
afterEach(() => h.reset());
afterAll(() => h.close());

const vary = (...cases: string[]) => h.running.variance.set(cases);
const reads = (pattern: string) => h.running.requests.filter((r) => r.method === "GET" && r.pattern === pattern).length;

describe("Arthur variance", () => {
  it("keeps users with null or missing required fields, named as well as can be", async () => {
    vary("user-nullable-fields");
    const report = createReadReport();
    const members = await h.adapter.listMembers({ report });
    expect(members).toHaveLength(240);
    expect(members.every((m) => m.name.length > 0)).toBe(true);
    expect(
      report
        .data()
        .deviations.map((d) => d.kind)
        .sort(),
    ).toEqual(["user.first_name null", "user.last_name missing", "user.organization_name missing"]);
  });

  it("reads a `created_at` without a zone as UTC", async () => {
    const before = new Map((await h.adapter.listMembers()).map((m) => [m.id, m.addedAt]));
    vary("user-time-no-zone");
    const report = createReadReport();
    const members = await h.adapter.listMembers({ report });
    for (const m of members) expect(Date.parse(m.addedAt!), m.id).toBe(Date.parse(before.get(m.id)!));
    expect(report.data().deviations).toEqual([expect.objectContaining({ kind: "user.created_at other format" })]);
  });

  it("keeps a user whose `user_type` is outside the enum, as a person", async () => {
    vary("user-type-unknown");
    const report = createReadReport();
    const members = await h.adapter.listMembers({ report });
    expect(members).toHaveLength(240);
    expect(report.data().deviations).toEqual([expect.objectContaining({ kind: "user.user_type unknown", example: "bot" })]);
  });

  it("drops and counts a user without an id, which does not count as a shortfall", async () => {
    vary("user-without-id");
    const report = createReadReport();
    expect(await h.adapter.listMembers({ report })).toHaveLength(239);
    expect(report.data()).toMatchObject({ dropped: 1, missing: [] });
    expect(reads("/api/v1/organization/users")).toBe(1);
  });

  it("takes group bindings, and bindings of a kind it does not know, as no user's own role", async () => {
    const before = new Map((await h.adapter.listMembers()).map((m) => [m.id, m.role]));
    vary("group-bindings", "binding-kind-unknown");
    const report = createReadReport();
    const members = await h.adapter.listMembers({ report });
    for (const m of members) expect(m.role, m.id).toBe(before.get(m.id));
    expect(report.data().deviations).toEqual([{ kind: "role_binding.bound_member_kind unknown", count: 1, example: "team" }]);
  });

  it("lists every member with the role unknown when role bindings are refused, naming the permission", async () => {
    vary("bindings-forbidden");
    const report = createReadReport();
    const members = await h.adapter.listMembers({ report });
    expect(members).toHaveLength(240);
    for (const m of members) expect(m).toMatchObject({ role: "", roleUnknown: expect.stringContaining("role bindings could not be read") });
    expect(report.data().missing).toEqual([
      {
        part: "role bindings",
        reason: "Missing permission: organization_list_role_bindings",
        status: 403,
        permission: "organization_list_role_bindings",
      },
    ]);
  });

  it("lists every member with their role when roles are refused, noting the part", async () => {
    vary("roles-forbidden");
    const report = createReadReport();
    const members = await h.adapter.listMembers({ report });
    expect(members).toHaveLength(240);
    expect(members.filter((m) => m.role !== "").length).toBeGreaterThan(200);
    expect(report.data().missing).toEqual([expect.objectContaining({ part: "roles", status: 403, permission: "organization_list_roles" })]);
  });

  it("re-reads once when the pages hold fewer users than the total says, then reports the shortfall", async () => {
    vary("total-overcount");
    const report = createReadReport();
    expect(await h.adapter.listMembers({ report })).toHaveLength(240);
    expect(reads("/api/v1/organization/users")).toBe(2);
    expect(report.data().missing).toEqual([{ part: "users", reason: "read 240 of 241", status: null }]);
  });

  it("without a report (a single read, not a sync) a refused part still fails the read", async () => {
    vary("bindings-forbidden");
    await expect(h.adapter.listMembers()).rejects.toMatchObject({ status: 403 });
  });
});
