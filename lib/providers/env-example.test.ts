import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PROVIDER_DESCRIPTORS } from "./catalog";

/** `.env.example` is written by hand; this keeps it listing every variable a provider's descriptor names. */
describe(".env.example", () => {
  const listed = new Set(
    fs
      .readFileSync(path.join(__dirname, "../../.env.example"), "utf8")
      .split("\n")
      .map((line) => /^([A-Z][A-Z0-9_]*)=/.exec(line)?.[1])
      .filter(Boolean),
  );

  for (const descriptor of PROVIDER_DESCRIPTORS) {
    it(`lists every variable ${descriptor.label} reads`, () => {
      const all = [...new Set([...descriptor.env.variables, ...descriptor.env.credentials, ...(descriptor.env.together ?? []).flat()])];
      expect(all.filter((name) => !listed.has(name))).toEqual([]);
    });
  }
});
