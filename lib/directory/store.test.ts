import { describe, expect, it } from "vitest";
import type { Member, ProviderId } from "../providers/types";
import { withTempDatabase } from "../testing/temp-db";
import { testMember } from "../testing/members";

/** The stored directory snapshot on PGlite, or Postgres when DATABASE_URL is set. */
const { backend } = withTempDatabase("directory-test");
const run = `${process.pid}-${Date.now()}`;

const { applyPatches, readHeads, readPatches, readSnapshot, writePatches, writeSync } = await import("./store");

/** A provider name of this run alone, so a shared Postgres with earlier rows does not matter. */
const providerOf = (name: string) => `${name}-${run}` as ProviderId;

const SOURCE = "test-source";

const member = (id: string, role = "reader"): Member => testMember({ provider: "openai", id, email: `${id}@example.com`, name: id, role });

describe(`stored directory snapshot (${backend})`, () => {
  it("keeps no patch for a provider that was never read", async () => {
    expect(await writePatches(providerOf("never"), [{ id: "u1", member: member("u1") }])).toBeNull();
  });

  it("stores a full read and hands it back, with its revision in the heads", async () => {
    const p = providerOf("full");
    const { head } = await writeSync(p, SOURCE, [member("u1"), member("u2")], new Date("2026-11-22T10:00:00Z"), 0);
    expect(head).toMatchObject({ revision: 1, syncRevision: 1, memberCount: 2, source: SOURCE });
    const stored = await readSnapshot(p);
    expect(stored?.members.map((m) => m.id)).toEqual(["u1", "u2"]);
    expect(stored?.head.fetchedAt.toISOString()).toBe("2026-11-22T10:00:00.000Z");
    expect((await readHeads()).find((h) => h.provider === p)).toMatchObject({ revision: 1, syncRevision: 1 });
  });

  it("stores what the read noted with the snapshot, so a restarted server still shows it", async () => {
    const p = providerOf("report");
    const report = {
      deviations: [{ kind: "invite.projects missing", count: 12, example: "invite-abc" }],
      missing: [{ part: "role bindings", reason: "Forbidden", status: 403, permission: "organization_list_role_bindings" }],
      dropped: 0,
    };
    await writeSync(p, SOURCE, [member("u1")], new Date(), 0, report);
    expect((await readSnapshot(p))?.report).toEqual(report);
    await writeSync(p, SOURCE, [member("u1")], new Date(), 1);
    expect((await readSnapshot(p))?.report).toEqual({ deviations: [], missing: [], dropped: 0 });
  });

  it("records changes as patches another server can replay after the revision it holds", async () => {
    const p = providerOf("patch");
    const { head, members } = await writeSync(p, SOURCE, [member("u1"), member("u2")], new Date(), 0);
    const r1 = await writePatches(p, [{ id: "u1", member: member("u1", "owner") }]);
    const r2 = await writePatches(p, [
      { id: "u2", member: null },
      { id: "u3", member: member("u3") },
    ]);
    expect([r1, r2]).toEqual([head.revision + 1, head.revision + 2]);
    const patches = await readPatches(p, head.revision);
    expect(patches.map((x) => [x.revision, x.id])).toEqual([
      [r1, "u1"],
      [r2, "u2"],
      [r2, "u3"],
    ]);
    expect(applyPatches(members, patches).map((m) => `${m.id}:${m.role}`)).toEqual(["u1:owner", "u3:reader"]);
    expect(await readPatches(p, r2!)).toEqual([]);
  });

  it("keeps a change made while a full read was running, and drops patches the read supersedes", async () => {
    const p = providerOf("fold");
    await writeSync(p, SOURCE, [member("u1")], new Date(), 0);
    const before = await writePatches(p, [{ id: "u9", member: member("u9") }]); // folded into the old list
    // A sync starts at revision `before`; meanwhile someone changes u1 through Roster.
    await writePatches(p, [{ id: "u1", member: member("u1", "owner") }]);
    const read = [member("u1", "reader"), member("u2")]; // the provider's list, read before the change
    const { head, members } = await writeSync(p, SOURCE, read, new Date(), before!);
    expect(members.map((m) => `${m.id}:${m.role}`)).toEqual(["u1:owner", "u2:reader"]);
    expect(head.syncRevision).toBe(head.revision);
    expect(await readPatches(p, 0)).toEqual([]);
    expect((await readSnapshot(p))?.members.map((m) => m.role)).toEqual(["owner", "reader"]);
  });

  it("does not fold patches read from another connection into a new one", async () => {
    const p = providerOf("source");
    await writeSync(p, "org-a", [member("u1")], new Date(), 0);
    await writePatches(p, [{ id: "a-only", member: member("a-only") }]);
    const { members, head } = await writeSync(p, "org-b", [member("b1")], new Date(), 0);
    expect(members.map((m) => m.id)).toEqual(["b1"]);
    expect(head.source).toBe("org-b");
  });

  it("gives concurrent changes distinct revisions, none lost", async () => {
    const p = providerOf("race");
    const { head } = await writeSync(p, SOURCE, [member("u1")], new Date(), 0);
    const revisions = await Promise.all(Array.from({ length: 8 }, (_, i) => writePatches(p, [{ id: `n${i}`, member: member(`n${i}`) }])));
    expect(new Set(revisions).size).toBe(8);
    expect(Math.max(...(revisions as number[]))).toBe(head.revision + 8);
    expect((await readPatches(p, head.revision)).length).toBe(8);
  });
});
