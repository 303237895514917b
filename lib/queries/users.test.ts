import { describe, expect, it } from "vitest";
import { USERS_QUERY_LIMITS } from "@/lib/directory/constants";
import { DEFAULT_USERS_QUERY, hasUsersFilters, parseUsersQuery, usersExportHref, usersQueryToSearchParams } from "./users";

const parse = (search: string) => parseUsersQuery(new URLSearchParams(search));

describe("the users table's URL state", () => {
  it("an empty address is the default query, and the default query writes an empty address", () => {
    expect(parse("")).toEqual({
      ...DEFAULT_USERS_QUERY,
      provider: undefined,
      role: undefined,
      status: undefined,
      kind: undefined,
      workspace: undefined,
      via: undefined,
    });
    expect(usersQueryToSearchParams(DEFAULT_USERS_QUERY).toString()).toBe("");
  });

  it("a hand-edited address with bad values falls back value by value instead of breaking the page", () => {
    const query = parse("sort=password&order=sideways&page=-3&pageSize=1e9&provider=openai,nope,arthur&status=gone");
    expect(query.sort).toBe(DEFAULT_USERS_QUERY.sort);
    expect(query.order).toBe(DEFAULT_USERS_QUERY.order);
    expect(query.page).toBe(1);
    expect(query.pageSize).toBe(DEFAULT_USERS_QUERY.pageSize);
    expect(query.provider, "the valid providers kept, in display order").toEqual(["openai", "arthur"]);
    expect(query.status, "nothing valid: no filter, not an empty one").toBeUndefined();
  });

  it("a search longer than the API takes is cut to the limit, never dropped (which would show everyone)", () => {
    const query = parse(`q=${"a".repeat(USERS_QUERY_LIMITS.q + 50)}`);
    expect(query.q).toHaveLength(USERS_QUERY_LIMITS.q);
    expect(hasUsersFilters(query)).toBe(true);
  });

  it("what is written is read back the same, duplicates and order aside", () => {
    const written = usersQueryToSearchParams({
      ...DEFAULT_USERS_QUERY,
      q: "ada",
      provider: ["arthur", "openai"],
      role: ["owner"],
      sort: "email",
      order: "desc",
      page: 3,
    });
    const read = parseUsersQuery(written);
    expect(read).toMatchObject({ q: "ada", provider: ["openai", "arthur"], role: ["owner"], sort: "email", order: "desc", page: 3 });
    expect(parse("role=owner,owner,reader").role).toEqual(["owner", "reader"]);
  });

  it("keeps the project or workspace and the through-a-group-or-team filters, dropping values the API refuses", () => {
    const read = parseUsersQuery(
      usersQueryToSearchParams({ ...DEFAULT_USERS_QUERY, workspace: ["openai:proj_research"], via: ["team", "group"] }),
    );
    expect(read).toMatchObject({ workspace: ["openai:proj_research"], via: ["group", "team"] });
    expect(parse("via=direct,group").via).toEqual(["group"]);
    expect(parse(`workspace=${"w".repeat(USERS_QUERY_LIMITS.workspace + 1)}`).workspace).toBeUndefined();
    expect(hasUsersFilters(parse("via=team"))).toBe(true);
  });

  it("the export link keeps the search, filters and sort but not the page", () => {
    const href = usersExportHref({ ...DEFAULT_USERS_QUERY, q: "x", status: ["invited"], page: 4, pageSize: 100 });
    const url = new URL(href, "http://roster.test");
    expect(url.pathname).toBe("/api/users/export");
    expect(Object.fromEntries(url.searchParams)).toEqual({ q: "x", status: "invited" });
  });
});
