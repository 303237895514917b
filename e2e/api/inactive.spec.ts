import type { UsersResponse } from "../../lib/directory/types";
import { expect, test } from "../fixtures";

/** `GET /api/users?inactiveDays=N`: people whose latest reported activity is older, never-active ones included. */

const DAY = 86_400_000;

function latest(person: UsersResponse["people"][number]): number | "never" | "unknown" {
  const told = person.memberships.filter((m) => m.lastActiveAt !== undefined);
  if (told.length === 0) return "unknown";
  const times = told.filter((m) => m.lastActiveAt).map((m) => Date.parse(m.lastActiveAt!));
  return times.length ? Math.max(...times) : "never";
}

test.describe("inactive seats", () => {
  test("filters people inactive for N days and counts them in the facet", async ({ as }) => {
    const viewer = await as("viewer");
    const all = (await (await viewer.get("/api/users?pageSize=1")).json()) as UsersResponse;
    const activity = all.facets.activity;
    expect(activity.inactive.map((e) => e.days)).toEqual([30, 90, 180]);
    expect(activity.never).toBeGreaterThan(0);

    const res = await viewer.get("/api/users?inactiveDays=90&pageSize=200");
    expect(res.status()).toBe(200);
    const body = (await res.json()) as UsersResponse;
    expect(body.total).toBe(activity.inactive.find((e) => e.days === 90)!.count);
    expect(body.total).toBeGreaterThan(0);
    expect(body.total).toBeLessThan(all.total);
    const cutOff = Date.now() - 90 * DAY;
    for (const person of body.people) {
      const last = latest(person);
      expect(last, person.key).not.toBe("unknown");
      if (last !== "never") expect(last, person.key).toBeLessThan(cutOff);
    }
    // Combined with the other filters (an owner narrows to one provider before offboarding).
    const openai = (await (await viewer.get("/api/users?inactiveDays=90&provider=openai&pageSize=200")).json()) as UsersResponse;
    expect(openai.total).toBeLessThanOrEqual(body.total);
    for (const person of openai.people) expect(person.memberships.some((m) => m.provider === "openai")).toBe(true);
  });

  test("the export takes the same filter", async ({ as }) => {
    const viewer = await as("viewer");
    const list = (await (await viewer.get("/api/users?inactiveDays=180&pageSize=1")).json()) as UsersResponse;
    const csv = await (await viewer.get("/api/users/export?inactiveDays=180")).text();
    const emails = new Set(
      csv
        .trim()
        .split("\n")
        .slice(1)
        .map((line) => line.split(",")[0]),
    );
    expect(emails.size).toBe(list.total);
  });

  // Like every bad query value of this route (users.spec.ts): 422 invalid_input, the message naming the field.
  test("refuses a bad inactiveDays with 422 naming it", async ({ as }) => {
    const viewer = await as("viewer");
    for (const bad of ["0", "-1", "1.5", "soon", "99999"]) {
      const res = await viewer.get(`/api/users?inactiveDays=${bad}`);
      expect(res.status(), bad).toBe(422);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code, bad).toBe("invalid_input");
      expect(body.error.message, bad).toContain("inactiveDays");
    }
  });
});
