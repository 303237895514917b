import { describe, expect, it } from "vitest";
import { arthurErrorMessage } from "./client";
import { bindingsByUser, displayName, primaryBinding } from "./mapping";
import { isArthurOwnerRole, ownerRoleIds } from "./roles";
import type { WireRoleBinding } from "./schemas";

describe("arthurErrorMessage", () => {
  it("reads FastAPI's detail text", () => {
    expect(arthurErrorMessage({ detail: "Resource not found" })).toBe("Resource not found");
  });

  it("turns a 422 list into readable text that names each field", () => {
    const body = {
      detail: [
        { loc: ["body", "email"], msg: "value is not a valid email address", type: "value_error" },
        { loc: ["body", "role_binding", "role_id"], msg: "Field required", type: "missing" },
        { loc: ["query", "page"], msg: "Input should be greater than or equal to 1", type: "greater_than_equal" },
      ],
    };
    expect(arthurErrorMessage(body)).toBe(
      "email: value is not a valid email address; role_binding.role_id: Field required; query.page: Input should be greater than or equal to 1",
    );
  });

  it("gives up (null) on bodies that are not Arthur's", () => {
    expect(arthurErrorMessage({ error: { message: "x" } })).toBeNull();
    expect(arthurErrorMessage("oops")).toBeNull();
    expect(arthurErrorMessage({ detail: [] })).toBeNull();
  });
});

describe("owner roles", () => {
  const grants = (id: string, permissions: string[], base: string[] = []) => ({ id, permissions, base_role_ids: base });
  const admin = grants("admin", ["organization_create_role_binding", "organization_role_binding_delete"]);
  const halfAdmin = grants("half", ["organization_create_role_binding"]);
  const inherits = grants("custom", ["model_read"], ["admin"]);
  const loopA = grants("a", [], ["b"]);
  const loopB = grants("b", [], ["a"]);

  it("needs both grant and revoke permissions, own or inherited, and survives inheritance loops", () => {
    expect([...ownerRoleIds([admin, halfAdmin, inherits, loopA, loopB])]).toEqual(["admin", "custom"]);
    expect(isArthurOwnerRole(inherits, new Map())).toBe(false);
  });
});

describe("member mapping", () => {
  const binding = (id: string, roleId: string, created: string, kind: "organization" | "workspace" = "organization"): WireRoleBinding => ({
    created_at: created,
    updated_at: created,
    id,
    role: { id: roleId, name: roleId },
    bound_resource_kind: kind,
    bound_resource: { id: "org", name: "Org" },
    bound_member_kind: "user",
    bound_member: { id: "u1", name: "U" },
  });

  it("shows an owner binding first, then the oldest, and ignores workspace bindings", () => {
    const bindings = [
      binding("b2", "member", "2024-01-01T00:00:00Z"),
      binding("b3", "admin", "2025-01-01T00:00:00Z"),
      binding("b1", "ws", "2020-01-01T00:00:00Z", "workspace"),
    ];
    const mine = bindingsByUser(bindings).get("u1")!;
    expect(mine.map((b) => b.id)).toEqual(["b2", "b3"]);
    expect(primaryBinding(mine, new Set(["admin"]))!.id).toBe("b3");
    expect(primaryBinding(mine, new Set())!.id).toBe("b2");
  });

  it("names a user by first and last name, else email, else id", () => {
    expect(displayName({ id: "1", first_name: "Ada", last_name: "Lovelace", email: "a@x.io" })).toBe("Ada Lovelace");
    expect(displayName({ id: "1", first_name: "", last_name: null, email: "a@x.io" })).toBe("a@x.io");
    expect(displayName({ id: "1", first_name: "", last_name: null, email: null })).toBe("1");
  });
});
