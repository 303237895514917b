import type { z } from "zod";
import { ProviderError } from "./errors";
import type { ReadReport } from "./read-report";
import { PROVIDER_LABELS, type ProviderId } from "./types";

/**
 * Liberal reading of the items of a provider's answer: an item that deviates from its
 * published schema is kept with what can be read, and each deviation is noted in the
 * read report as `<item>.<field> <what>` (`invite.projects missing`, `user.role unknown`).
 * Only an item without an id is dropped (and counted).
 *
 * The rules are generic, driven by the strict wire schema itself, so they hold for
 * deviations nobody listed:
 * - the strict schema is tried first (the fast path; almost every item passes it);
 * - otherwise the item is read field by field with the same field schemas;
 * - an enum or literal that gets another string keeps that string, made readable
 *   (`unknown`); a nested object or array is read by the same rules, an array element
 *   that cannot be read at all is left out; a union by its first option's rules;
 * - a field that still fails is tried with its lenient reader, if the caller gave one
 *   (timestamps in another precision or without a zone: `other format`), else left out
 *   (`missing`, `null` or `invalid`).
 * Unknown extra fields are ignored, as the specs' objects allow them.
 */

/** A wire type as read liberally: every field may be absent or null, enums widen to strings. */
export type Loose<T> = T extends string
  ? string
  : T extends number
    ? number
    : T extends boolean
      ? boolean
      : T extends ReadonlyArray<infer E>
        ? Array<Loose<E>>
        : T extends object
          ? { [K in keyof T]?: Loose<T[K]> | null }
          : T;

/** What an item read liberally is: loose, but it has an id. */
export type Tolerated<T> = Loose<T> & { id: string };

/** Reads a raw field value another way; `undefined` when it cannot. */
export type LenientReader = (raw: unknown) => unknown;

export interface ItemSpec<S extends z.ZodType> {
  /** The item's name in deviation kinds: `user`, `invite`, `role_binding`. */
  item: string;
  schema: S;
  /** Lenient readers by field path (`added_at`, `bound_member.id`), tried when the field fails its schema. */
  lenient?: Record<string, LenientReader>;
}

type Note = (path: string, what: string, example: string) => void;

const MAX_READABLE = 80;

/** A provider's value as shown to people: verbatim, without control characters or runs of spaces, bounded. */
export function readable(value: string): string {
  const text = value
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return text.length > MAX_READABLE ? `${text.slice(0, MAX_READABLE - 1)}…` : text;
}

function example(raw: unknown): string {
  if (typeof raw === "string") return readable(raw);
  try {
    return readable(JSON.stringify(raw) ?? String(raw));
  } catch {
    return String(raw);
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

interface Def {
  type: string;
  innerType?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  options?: z.ZodType[];
}

const rawDefOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** A union is read by the rules of its first option (the shape the spec calls current). */
function defOf(schema: z.ZodType): Def {
  const def = rawDefOf(schema);
  return def.type === "union" && def.options?.length ? defOf(def.options[0]) : def;
}

const FAIL = Symbol("fail");
type Outcome = unknown | typeof FAIL;

function what(raw: unknown): string {
  if (raw === undefined) return "missing";
  if (raw === null) return "null";
  return "invalid";
}

/** `schema` read liberally at `path`; FAIL when nothing usable could be read. */
function tolerate(schema: z.ZodType, raw: unknown, path: string, note: Note, lenient: ItemSpec<z.ZodType>["lenient"]): Outcome {
  const strict = schema.safeParse(raw);
  if (strict.success) return strict.data;
  const def = defOf(schema);
  switch (def.type) {
    case "optional":
      return raw === undefined ? undefined : tolerate(def.innerType!, raw, path, note, lenient);
    case "nullable":
      return raw === null ? null : tolerate(def.innerType!, raw, path, note, lenient);
    case "default":
    case "prefault":
    case "readonly":
      return tolerate(def.innerType!, raw, path, note, lenient);
    case "enum":
    case "literal":
      if (typeof raw === "string" && raw.trim()) {
        note(path, "unknown", raw);
        return readable(raw);
      }
      return FAIL;
    case "object":
      return isRecord(raw) ? tolerateObject(def.shape!, raw, path, note, lenient) : FAIL;
    case "array": {
      if (!Array.isArray(raw)) return FAIL;
      const out: unknown[] = [];
      for (const element of raw) {
        const value = tolerate(def.element!, element, path, note, lenient);
        if (value === FAIL) note(path, "item unreadable", example(element));
        else out.push(value);
      }
      return out;
    }
    default:
      return FAIL;
  }
}

function tolerateObject(
  shape: Record<string, z.ZodType>,
  raw: Record<string, unknown>,
  prefix: string,
  note: Note,
  lenient: ItemSpec<z.ZodType>["lenient"],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(shape)) {
    const path = prefix ? `${prefix}.${key}` : key;
    const value = raw[key];
    const read = tolerate(shape[key], value, path, note, lenient);
    if (read !== FAIL) {
      if (read !== undefined) out[key] = read;
      continue;
    }
    const other = value === undefined || value === null ? undefined : lenient?.[path]?.(value);
    if (other !== undefined) {
      note(path, "other format", example(value));
      out[key] = other;
    } else {
      note(path, what(value), example(value));
    }
  }
  return out;
}

const idOf = (raw: unknown): string | null => {
  if (!isRecord(raw)) return null;
  const id = raw.id;
  if (typeof id === "string" && id.trim()) return id;
  return typeof id === "number" && Number.isFinite(id) ? String(id) : null;
};

/**
 * One item read liberally: the strict result when the item passes its schema, else
 * what can be read of it; null (and counted as dropped) when it has no id.
 */
export function readItem<S extends z.ZodType>(spec: ItemSpec<S>, raw: unknown, report?: ReadReport): Tolerated<z.infer<S>> | null {
  const strict = spec.schema.safeParse(raw);
  if (strict.success && idOf(strict.data) !== null) return strict.data as Tolerated<z.infer<S>>;
  const id = idOf(raw);
  if (id === null) {
    report?.dropped(spec.item, example(raw));
    return null;
  }
  const def = defOf(spec.schema);
  if (def.type !== "object" || !isRecord(raw)) {
    report?.deviation(`${spec.item} unreadable`, id);
    return null;
  }
  const note: Note = (path, kind, value) =>
    report?.deviation(`${spec.item}.${path} ${kind}`, kind === "unknown" || kind === "other format" ? value : id);
  const item = tolerateObject(def.shape!, raw, "", note, spec.lenient);
  item.id = id;
  return item as Tolerated<z.infer<S>>;
}

/** Every item of a list read liberally; items without an id are left out (and counted). */
export function readItems<S extends z.ZodType>(
  spec: ItemSpec<S>,
  raws: readonly unknown[],
  report?: ReadReport,
): Array<Tolerated<z.infer<S>>> {
  const out: Array<Tolerated<z.infer<S>>> = [];
  for (const raw of raws) {
    const item = readItem(spec, raw, report);
    if (item !== null) out.push(item);
  }
  return out;
}

/** One object answer read liberally; an answer without an id cannot be used and fails, naming the field. */
export function readOne<S extends z.ZodType>(
  provider: ProviderId,
  spec: ItemSpec<S>,
  raw: unknown,
  report?: ReadReport,
): Tolerated<z.infer<S>> {
  const item = readItem(spec, raw, report);
  if (item !== null) return item;
  throw new ProviderError({
    provider,
    kind: "malformed",
    status: 200,
    message: `Unexpected answer from ${PROVIDER_LABELS[provider]}: the ${spec.item.replace(/_/g, " ")} has no id`,
  });
}

// ---- lenient readers for timestamps ------------------------------------------------

const ZONE = /(?:Z|[+-]\d{2}:?\d{2})$/i;
const ISO_LIKE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?/;

/** Milliseconds since the epoch from unix seconds or milliseconds, a numeric string, or an ISO-like text (no zone: UTC). */
export function liberalTimeMs(raw: unknown): number | undefined {
  if (typeof raw === "number" && Number.isFinite(raw) && raw >= 0) return raw >= 1e11 ? raw : raw * 1000;
  if (typeof raw !== "string") return undefined;
  const text = raw.trim();
  if (/^\d+(?:\.\d+)?$/.test(text)) return liberalTimeMs(Number(text));
  if (!ISO_LIKE.test(text)) return undefined;
  const normalised = text.replace(" ", "T");
  const ms = Date.parse(ZONE.test(normalised) || normalised.length <= 10 ? normalised : `${normalised}Z`);
  return Number.isNaN(ms) ? undefined : ms;
}

/** A lenient reader for a unix-seconds field. */
export const unixSecondsLenient: LenientReader = (raw) => {
  const ms = liberalTimeMs(raw);
  return ms === undefined ? undefined : Math.floor(ms / 1000);
};

/** A lenient reader for an ISO date-time field: always an ISO text in UTC. */
export const isoTimeLenient: LenientReader = (raw) => {
  const ms = liberalTimeMs(raw);
  return ms === undefined ? undefined : new Date(ms).toISOString();
};

/** An ISO 8601 date-time with a zone, as the specs' `format: date-time` asks. */
export const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;
