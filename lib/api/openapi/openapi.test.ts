import fs from "node:fs";
import path from "node:path";
import { compileErrors, validate } from "@readme/openapi-parser";
import { describe, expect, it } from "vitest";
import type { RouteContract } from "../handler";
import { openApiDocument } from "./document";
import { OPERATIONS } from "./operations";

/**
 * The OpenAPI document against the code: every route file under app/api and every HTTP
 * method it exports is an operation (and nothing else is); each route()-wrapped handler
 * parses with the very schemas the document was generated from and needs the role it
 * states; and the document is valid OpenAPI 3.1 by a real validator.
 */

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
const APP = path.resolve(__dirname, "../../../app");

/** `METHOD /api/path/{param}` → the route file, for every method each route file exports. */
function routesInTree(): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/^route\.(ts|tsx|js|mjs)$/.test(entry.name)) {
        const segments = path
          .relative(APP, dir)
          .split(path.sep)
          .filter((s) => !/^\(.*\)$/.test(s));
        const pattern = "/" + segments.map((s) => s.replace(/^\[(?:\.\.\.)?(\w+)\]$/, "{$1}")).join("/");
        const source = fs.readFileSync(full, "utf8");
        const methods = [...source.matchAll(/export\s+(?:const|let|var|async\s+function|function)\s+([A-Z]+)\b/g)].map((m) => m[1]);
        for (const m of source.matchAll(/export\s*\{([^}]*)\}/g)) {
          for (const name of m[1].split(","))
            methods.push(
              name
                .trim()
                .split(/\s+as\s+/)
                .pop()!
                .trim(),
            );
        }
        for (const method of methods.filter((m) => METHODS.includes(m))) found.set(`${method} ${pattern}`, full);
      }
    }
  };
  walk(path.join(APP, "api"));
  return found;
}

describe("the OpenAPI document", () => {
  const tree = routesInTree();

  it("has an operation for every route and method under app/api, and none for routes that do not exist", () => {
    expect(tree.size).toBeGreaterThan(30);
    const documented = Object.keys(OPERATIONS);
    expect(
      [...tree.keys()].filter((k) => !documented.includes(k)),
      "routes missing from lib/api/openapi/operations.ts",
    ).toEqual([]);
    expect(
      documented.filter((k) => !tree.has(k)),
      "operations with no route",
    ).toEqual([]);
    const doc = openApiDocument();
    const inDoc = Object.entries(doc.paths ?? {}).flatMap(([p, item]) =>
      Object.keys(item ?? {})
        .filter((m) => METHODS.includes(m.toUpperCase()))
        .map((m) => `${m.toUpperCase()} ${p}`),
    );
    expect(inDoc.sort()).toEqual([...tree.keys()].sort());
  });

  it("states each route's own schemas, role and token rule", async () => {
    for (const [key, file] of tree) {
      const op = OPERATIONS[key];
      if (!op?.role) continue; // public routes (health, readiness, this document, next-auth) are not route()-wrapped
      const mod = (await import(file)) as Record<string, { contract?: RouteContract }>;
      const contract = mod[key.split(" ")[0]]?.contract;
      expect(contract, `${key} is wrapped by route()`).toBeDefined();
      expect.soft(contract!.role, `${key} role`).toBe(op.role);
      expect.soft(contract!.params, `${key} params schema`).toBe(op.params);
      expect.soft(contract!.query, `${key} query schema`).toBe(op.query);
      expect.soft(contract!.body, `${key} body schema`).toBe(op.body);
      expect.soft(Boolean(contract!.sessionOnly), `${key} session only`).toBe(Boolean(op.sessionOnly));
      expect.soft(Boolean(contract!.secretAnswer), `${key} answers a secret`).toBe(Boolean(op.secret));
    }
  }, 120_000);

  it("is valid OpenAPI 3.1, with both ways to authenticate and the error envelope", async () => {
    const doc = JSON.parse(JSON.stringify(openApiDocument()));
    // The validator dereferences what it is given: give it a copy of its own.
    const result = await validate(structuredClone(doc));
    expect(result.valid ? [] : compileErrors(result)).toEqual([]);
    expect(result.valid ? result.warnings : []).toEqual([]);
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(["session", "token"]);
    const offboard = doc.paths["/api/people/{email}/offboard"].post;
    expect(offboard.security).toEqual([{ session: [] }, { token: [] }]);
    expect(offboard.requestBody.content["application/json"].schema).toBeDefined();
    expect(offboard.responses["401"].content["application/json"].schema).toEqual({ $ref: "#/components/schemas/Error" });
    expect(doc.paths["/api/tokens"].post.security).toEqual([{ session: [] }]);
    expect(doc.paths["/api/health"].get.security).toEqual([]);
    // The token create body is the route's: its fields, with the name's rule.
    const tokenBody = doc.paths["/api/tokens"].post.requestBody.content["application/json"].schema;
    expect(Object.keys(tokenBody.properties).sort()).toEqual(["expiresAt", "name", "providers", "role"]);
  });
});
