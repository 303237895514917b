import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createReadReport } from "./read-report";
import { isoTimeLenient, liberalTimeMs, readable, readItem, readItems, readOne, unixSecondsLenient } from "./tolerant";

/** The generic liberal reader: rules driven by the strict schema, not by named cases. */

const thing = z.object({
  id: z.string(),
  kind: z.enum(["a", "b"]),
  name: z.string(),
  note: z.string().nullable().optional(),
  at: z.number().int().max(99_999_999_999),
  parts: z.array(z.object({ id: z.string(), role: z.enum(["member", "owner"]) })),
  nested: z.object({ object: z.literal("x"), value: z.boolean() }).optional(),
});
const spec = { item: "thing", schema: thing, lenient: { at: unixSecondsLenient } };
const good = { id: "t1", kind: "a", name: "One", at: 1, parts: [{ id: "p", role: "owner" }] };

describe("readItem", () => {
  it("passes a conforming item through unchanged and notes nothing (extra fields ignored)", () => {
    const report = createReadReport();
    expect(readItem(spec, { ...good, extra: { deep: true } }, report)).toEqual(good);
    expect(report.data()).toEqual({ deviations: [], missing: [], dropped: 0 });
  });

  it("keeps an item whose enum, literal and nested enum values are unknown, as spelled, and notes each kind", () => {
    const report = createReadReport();
    const item = readItem(spec, { ...good, kind: "c", parts: [{ id: "p", role: "admin" }], nested: { object: "y", value: true } }, report);
    expect(item).toEqual({ ...good, kind: "c", parts: [{ id: "p", role: "admin" }], nested: { object: "y", value: true } });
    expect(report.data().deviations).toEqual([
      { kind: "thing.kind unknown", count: 1, example: "c" },
      { kind: "thing.parts.role unknown", count: 1, example: "admin" },
      { kind: "thing.nested.object unknown", count: 1, example: "y" },
    ]);
  });

  it("keeps an item with required fields missing or null, naming the item in the example", () => {
    const report = createReadReport();
    const { parts: _parts, ...noParts } = good;
    expect(readItem(spec, { ...noParts, name: null }, report)).toEqual({ id: "t1", kind: "a", at: 1 });
    expect(report.data().deviations).toEqual([
      { kind: "thing.name null", count: 1, example: "t1" },
      { kind: "thing.parts missing", count: 1, example: "t1" },
    ]);
  });

  it("reads a timestamp in another precision through the field's lenient reader", () => {
    const report = createReadReport();
    expect(readItem(spec, { ...good, at: 1711471533123 }, report)).toMatchObject({ at: 1711471533 });
    expect(readItem(spec, { ...good, at: "2024-03-26T16:45:33" }, report)).toMatchObject({ at: 1711471533 });
    expect(report.data().deviations).toEqual([{ kind: "thing.at other format", count: 2, example: "1711471533123" }]);
  });

  it("leaves out an array element it cannot read at all, and a field of the wrong type", () => {
    const report = createReadReport();
    expect(readItem(spec, { ...good, parts: [{ id: "p", role: "owner" }, "junk"], name: 42 }, report)).toEqual({
      id: "t1",
      kind: "a",
      at: 1,
      parts: [{ id: "p", role: "owner" }],
    });
    expect(report.data().deviations.map((d) => d.kind)).toEqual(["thing.name invalid", "thing.parts item unreadable"]);
  });

  it("drops and counts an item without an id; a list keeps the others", () => {
    const report = createReadReport();
    expect(readItems(spec, [good, { ...good, id: "" }, { name: "no id" }, null], report)).toEqual([good]);
    expect(report.data().dropped).toBe(3);
    expect(report.data().deviations).toEqual([
      { kind: "thing dropped (no id)", count: 3, example: expect.stringContaining('"name":"One"') },
    ]);
  });

  it("fails a single answer that has no id, naming it", () => {
    expect(() => readOne("openai", spec, { name: "x" })).toThrow("Unexpected answer from OpenAI: the thing has no id");
  });
});

describe("helpers", () => {
  it("makes a value readable: no control characters, no runs of spaces, bounded", () => {
    expect(readable("  org\u0000 admin\n ")).toBe("org admin");
    expect(readable("x".repeat(200))).toHaveLength(80);
  });

  it("reads timestamps liberally: seconds, milliseconds, numeric text, ISO with or without a zone", () => {
    const at = Date.UTC(2024, 2, 26, 16, 45, 33);
    for (const raw of [
      at / 1000,
      at,
      String(at / 1000),
      "2024-03-26T16:45:33Z",
      "2024-03-26T16:45:33",
      "2024-03-26 16:45:33",
      "2024-03-26T17:45:33+01:00",
    ]) {
      expect(liberalTimeMs(raw), String(raw)).toBe(at);
    }
    expect(liberalTimeMs("yesterday")).toBeUndefined();
    expect(isoTimeLenient("2024-03-26T16:45:33.5")).toBe("2024-03-26T16:45:33.500Z");
  });
});
