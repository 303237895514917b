import { describe, expect, it } from "vitest";
import { usersQuerySchema } from "../directory/types";
import { DEFAULT_USERS_QUERY, parseUsersQuery, usersQueryToSearchParams } from "./users";

/** The page reads its URL without zod; it must read a valid URL exactly as the API does. */
const read = (search: string) => parseUsersQuery(new URLSearchParams(search));

describe("parseUsersQuery", () => {
  it("reads a valid URL as the API's schema does", () => {
    for (const search of [
      "",
      "q=ada&sort=email&order=desc&page=3&pageSize=25",
      "provider=openai,arthur&role=owner&status=invited&kind=service_account",
      "sort=providers&pageSize=200&page=100000",
    ]) {
      expect(read(search), search).toEqual(usersQuerySchema.parse(Object.fromEntries(new URLSearchParams(search))));
    }
  });

  it("falls back to the default for each bad value instead of failing the page", () => {
    expect(read("sort=age&order=up&page=0&pageSize=201")).toEqual(DEFAULT_USERS_QUERY);
    // A search longer than the API takes is cut to the limit, never dropped (which would show everyone).
    expect(read("q=" + "x".repeat(201)).q).toBe("x".repeat(200));
    expect(read("page=2.5&pageSize=abc").page).toBe(1);
  });

  it("keeps the good items of a list, once each, providers in their usual order", () => {
    expect(read("provider=arthur,bogus,openai,arthur").provider).toEqual(["openai", "arthur"]);
    expect(read("status=gone").status).toBeUndefined();
    expect(read(`role=${"r".repeat(101)},owner`).role).toEqual(["owner"]);
  });

  it("writes back a URL that reads the same, without defaults", () => {
    const query = read("q=ada&provider=astronomer&page=2");
    expect(usersQueryToSearchParams(query).toString()).toBe("q=ada&provider=astronomer&page=2");
    expect(read(usersQueryToSearchParams(query).toString())).toEqual(query);
  });
});
