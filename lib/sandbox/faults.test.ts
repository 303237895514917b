import { describe, expect, it } from "vitest";
import { FaultBook } from "./faults";

describe("FaultBook", () => {
  it("applies a fault only to its method and route, and only `times` times", () => {
    const book = new FaultBook();
    book.add({ route: "/organization/users", method: "GET", status: 500, times: 2 });
    expect(book.take("POST", "/organization/users")).toBeNull();
    expect(book.take("GET", "/organization/invites")).toBeNull();
    expect(book.take("GET", "/organization/users")?.status).toBe(500);
    expect(book.take("GET", "/organization/users")?.status).toBe(500);
    expect(book.take("GET", "/organization/users")).toBeNull();
  });

  it("matches every route with *", () => {
    const book = new FaultBook();
    book.add({ route: "*", latencyMs: 10 });
    expect(book.take("DELETE", "/anything")?.latencyMs).toBe(10);
    expect(book.list()).toHaveLength(1);
  });
});
