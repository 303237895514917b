import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSandbox, startSandbox } from "../../sandbox/server";
import { createArthurSandbox } from "./sandbox";

/** The sandbox's own wire behaviour, over real HTTP without the adapter. */

let running: RunningSandbox;
let sandbox: ReturnType<typeof createArthurSandbox>;
beforeAll(async () => {
  sandbox = createArthurSandbox({ users: 240 });
  running = await startSandbox(sandbox, { port: 0, tokens: ["sandbox"] });
});
afterAll(() => running.close());

async function call(path: string, init: RequestInit & { token?: string } = {}) {
  const res = await fetch(running.baseUrl + path, {
    ...init,
    headers: { authorization: `Bearer ${init.token ?? "sandbox"}`, "content-type": "application/json" },
  });
  return { status: res.status, body: res.status === 204 ? null : await res.json() };
}

describe("Arthur sandbox", () => {
  it("pages with page/page_size and reports totals; a page past the end is empty", async () => {
    const first = await call("/api/v1/organization/users?page=1&page_size=100&sort=email&order=desc");
    expect(first.body.pagination).toEqual({ page: 1, page_size: 100, total_pages: 3, total_records: 240 });
    const emails = first.body.records.map((u: { email: string | null }) => u.email ?? "");
    expect(emails).toEqual([...emails].sort((a: string, b: string) => b.toLowerCase().localeCompare(a.toLowerCase())));
    const past = await call("/api/v1/organization/users?page=9&page_size=100");
    expect(past.body).toEqual({ records: [], pagination: { page: 9, page_size: 100, total_pages: 3, total_records: 240 } });
  });

  it("filters by user type, search and ids", async () => {
    const accounts = await call("/api/v1/organization/users?user_types=service_account");
    expect(accounts.body.pagination.total_records).toBe(6);
    const search = await call("/api/v1/organization/users?search=ROSTER");
    expect(search.body.records.map((u: { first_name: string }) => u.first_name)).toEqual(["Roster"]);
  });

  it("answers FastAPI 422 bodies for bad query parameters", async () => {
    const res = await call("/api/v1/organization/users?page=0&page_size=5000&user_types=robot");
    expect(res.status).toBe(422);
    expect(res.body.detail.map((d: { loc: unknown[]; type: string }) => [d.loc.join("."), d.type])).toEqual([
      ["query.user_types.0", "enum"],
      ["query.page", "greater_than_equal"],
      ["query.page_size", "less_than_equal"],
    ]);
  });

  it("answers 422 for a missing body and unknown paths in Arthur's shape", async () => {
    const missing = await call("/api/v1/organization/role_bindings", { method: "POST" });
    expect(missing).toEqual({ status: 422, body: { detail: [{ loc: ["body"], msg: "Field required", type: "missing", input: null }] } });
    const unknown = await call("/api/v1/nowhere");
    expect(unknown.status).toBe(404);
    expect(typeof unknown.body.detail).toBe("string");
    const stranger = await call("/api/v1/users/me", { token: "nope" });
    expect(stranger).toEqual({ status: 401, body: { detail: "Invalid authentication credentials" } });
  });

  it("reset restores the seed after changes", async () => {
    const user = (await call("/api/v1/organization/users?page_size=1")).body.records[0];
    expect((await call(`/api/v1/users/${user.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await call("/api/v1/organization/users")).body.pagination.total_records).toBe(239);
    sandbox.reset();
    expect((await call("/api/v1/organization/users")).body.pagination.total_records).toBe(240);
    expect((await call(`/api/v1/organization/users?user_ids=${user.id}`)).body.records).toEqual([user]);
  });

  it("is fast at 50,000 users: built once, pages sliced from a cached sort", async () => {
    let started = performance.now();
    const big = createArthurSandbox({ users: 50_000 });
    const built = performance.now() - started;
    const server = await startSandbox(big, { port: 0, tokens: ["sandbox"] });
    try {
      const get = (path: string) => fetch(server.baseUrl + path, { headers: { authorization: "Bearer sandbox" } }).then((r) => r.json());
      await get("/api/v1/organization/users?page=1&page_size=1000");
      started = performance.now();
      for (let page = 2; page <= 50; page++) await get(`/api/v1/organization/users?page=${page}&page_size=1000`);
      const perPage = (performance.now() - started) / 49;
      const last = await get("/api/v1/organization/users?page=50&page_size=1000");
      expect(last.pagination).toMatchObject({ total_pages: 50, total_records: 50_000 });
      expect(built).toBeLessThan(10_000);
      expect(perPage).toBeLessThan(250);
    } finally {
      await server.close();
    }
  });
});
