import { PROVIDER_IDS } from "../../lib/providers/types";
import type { APIRequestContext } from "@playwright/test";
import type { Person, UsersResponse } from "../../lib/directory/types";
import { expect, test } from "../fixtures";
import { throughApproval } from "./member-helpers";

/**
 * `GET /api/users/export`: the people list as CSV, for the same search and filters as
 * `GET /api/users`, one row per person and provider membership, streamed, and safe to open
 * in a spreadsheet.
 */

const HEADER = [
  "email",
  "name",
  "provider",
  "member_id",
  "role",
  "workspace_roles",
  "status",
  "kind",
  "managed_by_identity_provider",
  "added_at",
];

/** RFC 4180, enough for these files: quoted cells may hold commas, quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += c;
  }
  return rows;
}

async function exported(api: APIRequestContext, query: string): Promise<{ header: string[]; rows: Array<Record<string, string>> }> {
  const res = await api.get(`/api/users/export${query ? `?${query}` : ""}`);
  expect(res.status(), await res.text()).toBe(200);
  expect(res.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect(res.headers()["content-disposition"]).toMatch(/^attachment; filename="roster-people-[\d-]+\.csv"$/);
  const [header, ...rows] = parseCsv(await res.text());
  return { header, rows: rows.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i]]))) };
}

/** Every person the list shows for this query, page after page. */
async function listed(api: APIRequestContext, query: string): Promise<Person[]> {
  const people: Person[] = [];
  for (let page = 1; ; page++) {
    const body = (await (await api.get(`/api/users?pageSize=200&page=${page}&${query}`)).json()) as UsersResponse;
    people.push(...body.people);
    if (people.length >= body.total) return people;
  }
}

test.describe("people export (CSV)", () => {
  test("one row per person and membership, in the list's order, for everyone", async ({ as }) => {
    const viewer = await as("viewer");
    expect((await viewer.post("/api/sync", { data: {} })).status()).toBe(200);
    const people = await listed(viewer, "sort=name&order=asc");
    const { header, rows } = await exported(viewer, "sort=name&order=asc");
    expect(header).toEqual(HEADER);
    const expected = people.flatMap((p) =>
      p.memberships.map((m) => `${p.email ?? ""}|${m.provider}|${m.id}|${m.role}|${m.status}|${m.kind}`),
    );
    expect(rows.map((r) => `${r.email}|${r.provider}|${r.member_id}|${r.role}|${r.status}|${r.kind}`)).toEqual(expected);
    expect(new Set(rows.map((r) => r.provider))).toEqual(new Set(PROVIDER_IDS));
    const astronomer = rows.find((r) => r.provider === "astronomer" && r.workspace_roles);
    expect(astronomer?.role, "roles are the provider's codes").toMatch(/^ORGANIZATION_[A-Z_]+$/);
    expect(astronomer?.workspace_roles).toMatch(/^[^:]+: WORKSPACE_[A-Z_]+/);
  });

  test("takes the list's search and filters: only the memberships that pass them", async ({ as }) => {
    const viewer = await as("viewer");
    const query = "provider=openai&role=reader&status=active&kind=person";
    const people = await listed(viewer, query);
    expect(people.length).toBeGreaterThan(10);
    const { rows } = await exported(viewer, query);
    expect(rows.map((r) => r.email)).toEqual(people.map((p) => p.email));
    expect(rows.every((r) => r.provider === "openai" && r.role === "reader" && r.status === "active" && r.kind === "person")).toBe(true);

    const one = people.find((p) => p.memberships.length > 1)!;
    const searched = await exported(viewer, `q=${encodeURIComponent(one.email!)}`);
    expect(searched.rows.map((r) => r.provider).sort()).toEqual(one.memberships.map((m) => m.provider).sort());
    expect(new Set(searched.rows.map((r) => r.email))).toEqual(new Set([one.email]));

    const none = await exported(viewer, "q=nobody-matches-this-search-at-all");
    expect(none.rows).toEqual([]);
    const bad = await viewer.get("/api/users/export?status=maybe");
    expect(bad.status()).toBe(422);
    expect((await bad.json()).error.message).toContain("status");
  });

  test("a name a spreadsheet would run as a formula stays text", async ({ as }) => {
    const [admin, owner] = [await as("admin"), await as("owner")];
    const email = `formula-${Date.now()}@export.example`;
    const first = '=HYPERLINK("http://evil.example","click")';
    // A new Arthur user waits for a second admin (the two-person rule): the owner approves it.
    const approved = await throughApproval(
      await admin.post("/api/arthur/users", { data: { firstName: first, lastName: "+1-2@3", email } }),
      owner,
    );
    expect(approved.request.outcome).toMatchObject({ state: "done" });
    const res = await admin.get(`/api/users/export?q=${encodeURIComponent(email)}`);
    const text = await res.text();
    const [, row] = parseCsv(text);
    expect(row[0]).toBe(email);
    expect(row[1], "the cell starts with a quote mark, not =").toBe(`'${first} +1-2@3`);
    expect(text).not.toMatch(/(^|,)"?[=+\-@]/m);
  });

  test("the people and audit exports are streamed, not sent as one buffered body", async ({ as }) => {
    const viewer = await as("viewer");
    for (const path of ["/api/users/export", "/api/audit/export"]) {
      const res = await viewer.get(path);
      expect(res.status()).toBe(200);
      expect(res.headers()["transfer-encoding"], path).toBe("chunked");
      expect(res.headers()["content-length"], path).toBeUndefined();
    }
  });
});
