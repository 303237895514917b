import type { OutsideChangesResponse, PersonTimelineResponse } from "../../lib/governance/outside-types";
import { E2E } from "../env";
import { expect, inFreshWorld, test } from "../fixtures";
import { people } from "./member-helpers";

/**
 * Changes made outside Roster: a change made directly on the OpenAI sandbox (its "dashboard")
 * is stored after the job that follows a sync has read the audit log, and shown on the
 * person's timeline; Roster's own change, in the same log, is not.
 */

test.describe("changes made outside Roster", () => {
  inFreshWorld(test, "each");

  test("a change made on the provider is detected after the job runs, and Roster's own change is not", async ({ as }) => {
    const admin = await as("admin");
    const viewer = await as("viewer");
    const readers = (await people(viewer, "provider=openai&kind=person&status=active")).people.filter(
      (p) => p.email && p.memberships.length === 1 && p.memberships[0].role === "reader",
    );
    const [mine, theirs] = [readers[7], readers[8]];
    // The read the server's start queued is done, so the next scheduled one is an interval away.
    await expect
      .poll(
        async () =>
          ((await (await viewer.get("/api/outside-changes?pageSize=1")).json()) as OutsideChangesResponse).reads.some(
            (r) => r.provider === "openai" && r.lastReadAt,
          ),
        {
          timeout: 60_000,
        },
      )
      .toBe(true);
    // What is stored already (an earlier run on this database may have changed the same people).
    const before = new Set(
      ((await (await viewer.get("/api/outside-changes?pageSize=200")).json()) as OutsideChangesResponse).changes.map((c) => c.eventId),
    );
    const mineId = mine.memberships[0].id;
    const theirsId = theirs.memberships[0].id;

    // Roster's change: a removal through Roster's API (on the provider's log with Roster's key as actor).
    const removed = await admin.delete(`/api/members/openai/${encodeURIComponent(mineId)}`);
    expect(removed.status(), await removed.text()).toBe(200);
    // Someone else's, in OpenAI's dashboard.
    const outside = await fetch(`${E2E.sandbox.openai}/__sandbox/openai/outside-change`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ action: "role", userId: theirsId, role: "owner" }),
    });
    expect(outside.status, await outside.text()).toBe(200);

    // A sync queues the read of the audit log (a job, not this request).
    expect((await viewer.post("/api/sync", { data: { provider: "openai" } })).status()).toBe(200);
    let list: OutsideChangesResponse | undefined;
    await expect
      .poll(
        async () => {
          list = (await (await viewer.get("/api/outside-changes?provider=openai&pageSize=200")).json()) as OutsideChangesResponse;
          return list.changes.some((c) => c.targetId === theirsId && !before.has(c.eventId));
        },
        { timeout: 30_000 },
      )
      .toBe(true);
    const found = list!.changes.find((c) => c.targetId === theirsId && !before.has(c.eventId))!;
    expect(found).toMatchObject({
      provider: "openai",
      action: "role_changed",
      role: "owner",
      email: theirs.email,
      actor: { kind: "session" },
    });
    expect(found.actor.email).toContain("@");
    expect(list!.changes.some((c) => c.targetId === mineId && !before.has(c.eventId))).toBe(false);
    expect(list!.recent.members).toContain(`openai:${theirsId}`);
    expect(list!.reads).toContainEqual({ provider: "openai", lastReadAt: expect.any(String), error: null });
    // The seeded dashboard changes are there too, each once however often the log is read.
    const ids = list!.changes.map((c) => c.eventId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(list!.changes.filter((c) => c.actor.kind === "session").length).toBeGreaterThanOrEqual(4);

    // One timeline per person: theirs shows the provider's entry; mine shows Roster's removal and nothing from the provider.
    const theirsLine = (await (
      await viewer.get(`/api/people/${encodeURIComponent(theirs.email!)}/timeline`)
    ).json()) as PersonTimelineResponse;
    expect(theirsLine.entries[0]).toMatchObject({ source: "provider", change: { eventId: found.eventId } });
    const mineLine = (await (await viewer.get(`/api/people/${encodeURIComponent(mine.email!)}/timeline`)).json()) as PersonTimelineResponse;
    expect(mineLine.entries.map((e) => e.source)).toContain("roster");
    expect(mineLine.entries.some((e) => e.source === "roster" && e.event.action === "remove_member")).toBe(true);
    expect(mineLine.entries.some((e) => e.source === "provider")).toBe(false);
  });

  test("refuses bad filters with 422 naming the field", async ({ as }) => {
    const viewer = await as("viewer");
    for (const [query, field] of [
      ["provider=github", "provider"],
      ["pageSize=201", "pageSize"],
      ["page=0", "page"],
      ["since=yesterday", "since"],
    ]) {
      const res = await viewer.get(`/api/outside-changes?${query}`);
      expect(res.status(), query).toBe(422);
      expect(((await res.json()) as { error: { message: string } }).error.message, query).toContain(field);
    }
  });
});
