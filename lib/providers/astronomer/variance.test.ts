import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createReadReport, type ReadReportData } from "../read-report";
import type { Member, ProviderAdapter } from "../types";
import type { AstroVersion } from "./api";
import { ROLE } from "./roles";
import { type Harness, startAstronomerHarness } from "./test-harness";

/**
 * Astronomer answers shaped the way real organizations' are (sandbox variance cases),
 * read through the adapter over real HTTP, on both API versions.
 */

const USERS = 240;
const kinds = (data: ReadReportData) => data.deviations.map((d) => d.kind);

async function read(adapter: ProviderAdapter) {
  const report = createReadReport();
  const members = await adapter.listMembers({ report });
  return { members, data: report.data() };
}

const ids = (members: Member[]) => members.map((m) => m.id);

describe.each<AstroVersion>(["v1alpha1", "v1"])("astronomer %s reads what real organizations send", (version) => {
  let h: Harness;
  let adapter: ProviderAdapter;
  let baseline: Member[];
  // Parallel pages are read even by the second page; `sorts` must hold them together.
  let dropSorts = false;

  beforeAll(async () => {
    h = await startAstronomerHarness({
      users: USERS,
      version,
      beforeHandle: (req) => {
        if (dropSorts) req.query.delete("sorts");
      },
    });
    adapter = h.adapter({ pageSize: 20 });
    baseline = await adapter.listMembers();
  });
  afterAll(() => h.close());
  beforeEach(async () => {
    dropSorts = false;
    h.reset();
    await h.setVariance([]);
  });

  it("keeps users whose times have no zone, whose avatar is null or who lack or add fields, and notes each deviation", async () => {
    await h.setVariance(["zoneless-times", "null-avatars", "missing-fields", "extra-fields"]);
    const { members, data } = await read(adapter);
    expect(ids(members).sort()).toEqual(ids(baseline).sort());
    expect(kinds(data)).toEqual(
      expect.arrayContaining([
        "user.createdAt no zone",
        "user.updatedAt no zone",
        "user.avatarUrl null",
        "user.fullName missing",
        "user.status missing",
      ]),
    );
    expect(data.dropped).toBe(0);
    const zoneless = data.deviations.find((d) => d.kind === "user.createdAt no zone")!;
    expect(zoneless.example).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
    // A time without a zone is read as UTC, as the specs say Astro's times are.
    const byId = new Map(baseline.map((m) => [m.id, m]));
    for (const m of members) expect(m.addedAt).toBe(byId.get(m.id)!.addedAt);
    // A user without a name is shown by their email.
    expect(members.every((m) => m.name.length > 0)).toBe(true);
  });

  it("drops a user without an id and counts it, keeping everyone else", async () => {
    await h.setVariance(["missing-ids"]);
    const { members, data } = await read(adapter);
    expect(members).toHaveLength(baseline.length - 1);
    expect(data.dropped).toBe(1);
    expect(kinds(data)).toContain("user dropped (no id)");
  });

  it("asks for one order, so parallel pages list every member once while the unsorted order shifts", async () => {
    await h.setVariance(["unstable-order"]);
    const { members, data } = await read(adapter);
    expect(ids(members).sort()).toEqual(ids(baseline).sort());
    expect(data.missing).toEqual([]);
    const pages = h.running.requests.filter((r) => r.pattern === "/organizations/{organizationId}/users");
    expect(pages.every((r) => r.query.some(([k, v]) => k === "sorts" && v === "id:asc"))).toBe(true);
  });

  it("when the order is not kept, drops duplicate ids (noted), reads once more, and reports what is still missing", async () => {
    await h.setVariance(["unstable-order"]);
    dropSorts = true;
    const { members, data } = await read(adapter);
    expect(new Set(ids(members)).size).toBe(members.length);
    expect(kinds(data)).toContain("user duplicate");
    const firstPages = h.running.requests.filter(
      (r) => r.pattern === "/organizations/{organizationId}/users" && r.query.some(([k, v]) => k === "offset" && v === "0"),
    );
    expect(firstPages).toHaveLength(2);
    if (members.length < baseline.length) {
      expect(data.missing).toContainEqual(
        expect.objectContaining({
          part: "users",
          reason: expect.stringMatching(new RegExp(`^read ${members.length} of ${baseline.length}`)),
        }),
      );
    }
  });

  it("a total larger than what can be read is re-read once, then reported as a missing part", async () => {
    await h.setVariance(["overcount"]);
    const { members, data } = await read(adapter);
    expect(members).toHaveLength(baseline.length);
    expect(data.missing).toContainEqual({
      part: "users",
      reason: `read ${baseline.length} of ${baseline.length + 2} (the list changed while it was read, or the total is wrong)`,
      status: null,
    });
    const firstPages = h.running.requests.filter(
      (r) => r.pattern === "/organizations/{organizationId}/users" && r.query.some(([k, v]) => k === "offset" && v === "0"),
    );
    expect(firstPages).toHaveLength(2);
  });
});

describe("astronomer v1alpha1: parts, roles and invites", () => {
  let h: Harness;
  let adapter: ProviderAdapter;

  beforeAll(async () => {
    h = await startAstronomerHarness({ users: USERS });
    adapter = h.adapter({ pageSize: 50 });
  });
  afterAll(() => h.close());
  beforeEach(async () => {
    h.reset();
    await h.setVariance([]);
  });

  it("a workspace whose users cannot be read (403) leaves every member listed, with that workspace's role unknown and why", async () => {
    const all = await adapter.listMembers();
    await h.setVariance(["workspace-forbidden"]);
    const { members, data } = await read(adapter);
    expect(ids(members).sort()).toEqual(ids(all).sort());
    const workspaces = await adapter.listWorkspaces();
    const forbidden = workspaces[1];
    expect(data.missing).toEqual([
      {
        part: `workspace ${forbidden.name} (${forbidden.id})`,
        reason: `Your role in this organization does not allow listing the users of workspace ${forbidden.name}`,
        status: 403,
        permission: undefined,
      },
    ]);
    for (const m of members) {
      const there = m.scopedRoles!.filter((s) => s.scopeId === forbidden.id);
      expect(there).toEqual([expect.objectContaining({ role: "unknown", unreadable: expect.stringMatching(/^403: /) })]);
    }
    // The other workspaces' roles are read as before.
    const owner = members.find((m) => m.role === ROLE.orgOwner)!;
    expect(owner.scopedRoles!.filter((s) => s.role === ROLE.workspaceOwner)).toHaveLength(workspaces.length - 1);
  });

  it("a rejected token still fails the whole listing (401 is not one part)", async () => {
    await expect(h.adapter({}, "wrong-token").listMembers()).rejects.toMatchObject({ status: 401 });
  });

  it("keeps roles Roster does not know verbatim and notes them", async () => {
    await h.setVariance(["unknown-roles"]);
    const { members, data } = await read(adapter);
    const observers = members.filter((m) => m.role === ROLE.orgObserveMember);
    expect(observers.length).toBeGreaterThan(0);
    expect(data.deviations).toContainEqual(
      expect.objectContaining({ kind: "user.role unknown", example: ROLE.orgObserveMember, count: observers.length }),
    );
    expect(members.some((m) => m.scopedRoles!.some((s) => s.role === ROLE.workspaceAccessor))).toBe(true);
    expect(kinds(data)).toContain("user.workspaceRole unknown");
  });

  it("an invite whose expiresAt has passed is not pending: not listed, not a member, and a new invite replaces it", async () => {
    const before = await adapter.listInvites();
    await h.setVariance(["expired-invites"]);
    const invites = await adapter.listInvites();
    expect(invites.length).toBeGreaterThan(0);
    expect(invites.length).toBeLessThan(before.length);
    expect(invites.every((i) => Date.parse(i.expiresAt!) > Date.now())).toBe(true);
    const expired = before.find((i) => !invites.some((j) => j.email === i.email))!;
    const members = await adapter.listMembers();
    expect(members.some((m) => m.email === expired.email)).toBe(false);
    const again = await adapter.invite({ email: expired.email, role: ROLE.orgMember });
    expect(Date.parse(again!.expiresAt!)).toBeGreaterThan(Date.now());
    expect((await adapter.listInvites()).map((i) => i.email)).toContain(expired.email);
  });
});

describe("astronomer v1: teams", () => {
  let h: Harness;
  let adapter: ProviderAdapter;

  beforeAll(async () => {
    h = await startAstronomerHarness({ users: USERS, version: "v1" });
    adapter = h.adapter({ pageSize: 50 });
  });
  afterAll(() => h.close());
  beforeEach(async () => {
    h.reset();
    await h.setVariance([]);
  });

  it("a team whose members cannot be read leaves everyone listed, its grants unknown with why and the permission", async () => {
    const all = await adapter.listMembers();
    await h.setVariance(["team-forbidden"]);
    const { members, data } = await read(adapter);
    expect(ids(members).sort()).toEqual(ids(all).sort());
    expect(data.missing).toEqual([
      expect.objectContaining({
        part: expect.stringMatching(/^team Platform Engineering \(cl/),
        status: 403,
        permission: "organization.teams.get",
      }),
    ]);
    expect(members.every((m) => m.scopedRoles!.some((s) => s.unreadable && s.via?.name === "Platform Engineering"))).toBe(true);
    expect(members.some((m) => m.scopedRoles!.some((s) => !s.unreadable && s.via?.name === "Analysts"))).toBe(true);
  });

  it("roles the v1 spec defines are Roster's on v1: Observe roles are not deviations", async () => {
    await h.setVariance(["unknown-roles"]);
    const { members, data } = await read(adapter);
    expect(members.some((m) => m.role === ROLE.orgObserveMember)).toBe(true);
    expect(kinds(data)).not.toContain("user.role unknown");
    expect((await adapter.listRoles()).map((r) => r.id)).toContain(ROLE.orgObserveMember);
  });
});
