import type { z } from "zod";
import type { ReadReport } from "../read-report";

/**
 * Liberal reading of list items. The envelope of a list is parsed strictly by the client
 * (no items array or total: that read fails); each item is first checked against its
 * strict schema (cheap, the usual case) and only when that fails is it read field by
 * field: every field the schema rejects is noted as a deviation (`user.createdAt no zone`)
 * and kept as far as it can be (a value the schema did not expect stays as the provider
 * spelled it; a time without a zone is read as UTC, as the specs say times are; anything
 * else is left out). An item without an id is dropped and counted.
 */

/** An item as far as it could be read: any field may be missing. */
export type Lenient<T> = T extends Array<infer U> ? Array<Lenient<U>> : T extends object ? { [K in keyof T]?: Lenient<T[K]> | null } : T;

const ZONELESS = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

type Path = ReadonlyArray<PropertyKey>;

function at(value: unknown, path: Path): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function setAt(value: unknown, path: Path, next: unknown) {
  const parent = at(value, path.slice(0, -1));
  if (parent === null || typeof parent !== "object") return;
  const key = path[path.length - 1];
  if (next === undefined) delete (parent as Record<PropertyKey, unknown>)[key];
  else (parent as Record<PropertyKey, unknown>)[key] = next;
}

/** `invites.0.expiresAt` → `invites.expiresAt`: the kind is per field, not per array index. */
const fieldName = (path: Path) =>
  path
    .filter((key) => typeof key !== "number")
    .map(String)
    .join(".");

const example = (value: unknown) => (typeof value === "string" ? value : (JSON.stringify(value) ?? "undefined"));

/** What is wrong with one field, and the value to keep (undefined: leave it out). */
function judge(issue: z.core.$ZodIssue, value: unknown): { what: string; keep: unknown } {
  if (value === undefined) return { what: "missing", keep: undefined };
  if (value === null) return { what: "null", keep: undefined };
  if (issue.code === "invalid_format" && issue.format === "datetime" && typeof value === "string") {
    if (ZONELESS.test(value)) return { what: "no zone", keep: `${value.replace(" ", "T")}Z` };
    return Number.isNaN(Date.parse(value))
      ? { what: "not a time", keep: undefined }
      : { what: "other time format", keep: new Date(value).toISOString() };
  }
  // A value the schema's enum or format does not list, as the provider spelled it.
  if (typeof value === "string" && issue.code !== "invalid_type") return { what: "unknown value", keep: value };
  return { what: `not ${issue.code === "invalid_type" ? issue.expected : "valid"}`, keep: undefined };
}

export interface ItemReader<T> {
  /** Item kind in deviation names: `user`, `workspace`, `team`. */
  kind: string;
  schema: z.ZodType<T>;
  /** The item's id, when it has one it can be kept by. */
  id: (item: unknown) => string | null;
}

export function readItem<T>(reader: ItemReader<T>, raw: unknown, report?: ReadReport): Lenient<T> | null {
  const strict = reader.schema.safeParse(raw);
  if (strict.success) return strict.data as Lenient<T>;
  const id = reader.id(raw);
  if (!id) {
    report?.dropped(reader.kind, example(raw).slice(0, 120));
    return null;
  }
  const kept: unknown = structuredClone(raw);
  for (const issue of strict.error.issues) {
    const value = at(raw, issue.path);
    const { what, keep } = judge(issue, value);
    report?.deviation(`${reader.kind}.${fieldName(issue.path) || "item"} ${what}`, value === undefined ? id : example(value));
    if (issue.path.length) setAt(kept, issue.path, keep);
  }
  return kept as Lenient<T>;
}

export function readItems<T>(reader: ItemReader<T>, raw: readonly unknown[], report?: ReadReport): Array<Lenient<T>> {
  const items: Array<Lenient<T>> = [];
  for (const item of raw) {
    const read = readItem(reader, item, report);
    if (read) items.push(read);
  }
  return items;
}

/** The string `id` of an item, when it has one. */
export function stringId(key = "id") {
  return (item: unknown): string | null => {
    const value = item !== null && typeof item === "object" ? (item as Record<string, unknown>)[key] : undefined;
    return typeof value === "string" && value.trim() ? value : null;
  };
}

/** A value outside Roster's catalogue (a role Roster does not know) is noted, and kept. */
export function noteUnknown(report: ReadReport | undefined, kind: string, value: string | null | undefined, known: readonly string[]) {
  if (value && !known.includes(value)) report?.deviation(`${kind} unknown`, value);
}
