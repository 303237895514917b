import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** The mass-change guard's counting, on PGlite (or Postgres with DATABASE_URL). */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "roster-mass-change-test-"));
process.env.ROSTER_DATA_DIR = path.join(dataDir, "pglite");

const { randomUUID } = await import("node:crypto");
const { closeDb } = await import("../db");
const guard = await import("./mass-change");

const policy = { threshold: 10, windowMinutes: 60 };
const at = (minutes: number) => new Date(Date.UTC(2026, 11, 3, 12, 0) + minutes * 60_000);

beforeAll(async () => {
  await guard.massChangeStanding(randomUUID(), 0);
}, 240_000);
afterAll(async () => {
  await closeDb();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("the mass-change guard's count", () => {
  it("lets changes through up to the threshold, and holds the one that would cross it", async () => {
    const operator = randomUUID();
    for (let i = 0; i < 10; i++) expect((await guard.reserveMassChange(operator, 1, at(i), policy)).needsApproval).toBe(false);
    const eleventh = await guard.reserveMassChange(operator, 1, at(10), policy);
    expect(eleventh).toMatchObject({ needsApproval: true, recent: 10, adding: 1, threshold: 10 });
    // A held change is not counted: it has not run.
    expect((await guard.massChangeStanding(operator, 0, at(10), policy)).recent).toBe(10);
  });

  it("counts a bulk (or an offboard's memberships) as one reservation: all of it or none", async () => {
    const operator = randomUUID();
    expect((await guard.reserveMassChange(operator, 4, at(0), policy)).needsApproval).toBe(false);
    expect(await guard.reserveMassChange(operator, 7, at(1), policy)).toMatchObject({ needsApproval: true, recent: 4 });
    expect((await guard.reserveMassChange(operator, 6, at(2), policy)).needsApproval).toBe(false);
    expect(
      guard.membershipsOf([
        { action: "offboard", email: "a@x.io", memberships: 3 },
        { action: "revoke_invite", provider: "openai", inviteId: "i" },
      ]),
    ).toBe(4);
  });

  it("slides: changes older than the window stop counting", async () => {
    const operator = randomUUID();
    for (let i = 0; i < 10; i++) await guard.reserveMassChange(operator, 1, at(i), policy);
    expect((await guard.massChangeStanding(operator, 1, at(59), policy)).needsApproval).toBe(true);
    // At 60:30 the change made at 0:00 has left the window; the one at 1:00 has not.
    const later = await guard.reserveMassChange(operator, 1, at(60.5), policy);
    expect(later).toMatchObject({ needsApproval: false, recent: 9 });
    expect((await guard.massChangeStanding(operator, 1, at(60.5), policy)).needsApproval).toBe(true);
  });

  it("counts each operator on their own", async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    await guard.reserveMassChange(a, 10, at(0), policy);
    expect((await guard.reserveMassChange(b, 10, at(0), policy)).needsApproval).toBe(false);
    expect((await guard.reserveMassChange(a, 1, at(0), policy)).needsApproval).toBe(true);
  });

  it("never lets concurrent reservations pass the threshold together", async () => {
    const operator = randomUUID();
    const results = await Promise.all(Array.from({ length: 15 }, () => guard.reserveMassChange(operator, 1, at(0), policy)));
    expect(results.filter((r) => !r.needsApproval)).toHaveLength(10);
  });

  it("reads its policy from the environment, and refuses nonsense", () => {
    expect(guard.massChangePolicy({})).toEqual({ threshold: 10, windowMinutes: 60 });
    expect(guard.massChangePolicy({ ROSTER_MASS_CHANGE_THRESHOLD: "3", ROSTER_MASS_CHANGE_WINDOW_MINUTES: "0.5" })).toEqual({
      threshold: 3,
      windowMinutes: 0.5,
    });
    expect(() => guard.massChangePolicy({ ROSTER_MASS_CHANGE_THRESHOLD: "0" })).toThrow(/ROSTER_MASS_CHANGE_THRESHOLD/);
    expect(() => guard.massChangePolicy({ ROSTER_MASS_CHANGE_WINDOW_MINUTES: "soon" })).toThrow(/ROSTER_MASS_CHANGE_WINDOW_MINUTES/);
  });
});
