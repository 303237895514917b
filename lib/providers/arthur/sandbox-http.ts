import type { z } from "zod";
import type { SandboxRequest, SandboxResponse, SandboxRoute } from "../../sandbox/server";
import type { ResourceList, ValidationErrorItem } from "./schemas";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "./schemas";

/**
 * FastAPI's answers, as the Arthur sandbox gives them: `{detail: string}` errors,
 * 422 `{detail: [{loc, msg, type, input?, ctx?}]}` in pydantic's wording, and
 * `ResourceList` pages.
 */

export type StateHandler<S> = (state: S, req: SandboxRequest) => SandboxResponse;

/** Routes whose handlers all read and change one sandbox state. */
export function routesFor<S>(state: S, table: Array<[SandboxRoute["method"], string, StateHandler<S>]>): SandboxRoute[] {
  return table.map(([method, pattern, handler]) => ({ method, pattern, handler: (req) => handler(state, req) }));
}

export const ok = (body: unknown, status = 200): SandboxResponse => ({ status, body });
export const noContent = (): SandboxResponse => ({ status: 204 });
export const fail = (status: number, message: string): SandboxResponse => ({ status, body: { detail: message } });
export const unprocessable = (items: ValidationErrorItem[]): SandboxResponse => ({ status: 422, body: { detail: items } });

type Loc = Array<string | number>;
type Issue = z.core.$ZodIssue & { input?: unknown };

const TYPE_WORDS: Record<string, [string, string]> = {
  string: ["Input should be a valid string", "string_type"],
  boolean: ["Input should be a valid boolean", "bool_type"],
  array: ["Input should be a valid list", "list_type"],
  number: ["Input should be a valid number", "float_type"],
  object: ["Input should be a valid dictionary or object to extract fields from", "model_attributes_type"],
};

function quoteChoices(values: readonly unknown[]): string {
  const quoted = values.map((v) => `'${String(v)}'`);
  return quoted.length > 1 ? `${quoted.slice(0, -1).join(", ")} or ${quoted.at(-1)}` : (quoted[0] ?? "");
}

/** Pydantic's message and error type for a zod issue. */
function pydanticWords(issue: Issue): [string, string] {
  if (issue.code === "invalid_type") {
    if (issue.input === undefined) return ["Field required", "missing"];
    return TYPE_WORDS[issue.expected] ?? [issue.message, "value_error"];
  }
  if (issue.code === "invalid_format" && issue.format === "email") return ["value is not a valid email address", "value_error"];
  if (issue.code === "invalid_format" && (issue.format === "guid" || issue.format === "uuid")) {
    return ["Input should be a valid UUID", "uuid_parsing"];
  }
  if (issue.code === "invalid_value") return [`Input should be ${quoteChoices(issue.values)}`, "enum"];
  return [issue.message, "value_error"];
}

function toItem(issue: Issue, prefix: Loc): ValidationErrorItem {
  const [msg, type] = pydanticWords(issue);
  const item: ValidationErrorItem = { loc: [...prefix, ...(issue.path as Loc)], msg, type };
  if (issue.input !== undefined) item.input = issue.input;
  return item;
}

/** The body parsed with a request schema, or the 422 FastAPI would send. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): { data: z.infer<S> } | { error: SandboxResponse } {
  if (body === undefined) return { error: unprocessable([{ loc: ["body"], msg: "Field required", type: "missing", input: null }]) };
  const result = schema.safeParse(body, { reportInput: true });
  if (result.success) return { data: result.data };
  return { error: unprocessable(result.error.issues.map((issue) => toItem(issue as Issue, ["body"]))) };
}

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
export const isUuid = (value: string) => UUID.test(value);

/** 422 for a path parameter that is not a uuid, as FastAPI checks it before the handler runs. */
export function badPathUuid(name: string, value: string): SandboxResponse | null {
  return isUuid(value)
    ? null
    : unprocessable([{ loc: ["path", name], msg: "Input should be a valid UUID", type: "uuid_parsing", input: value }]);
}

const TRUE = new Set(["true", "1", "yes", "on", "t", "y"]);
const FALSE = new Set(["false", "0", "no", "off", "f", "n"]);

/** Reads query parameters the way FastAPI coerces them, collecting 422 items. */
export class QueryReader {
  readonly errors: ValidationErrorItem[] = [];

  constructor(private readonly query: URLSearchParams) {}

  private fail(loc: Loc, msg: string, type: string, input: unknown, ctx?: Record<string, unknown>) {
    this.errors.push({ loc: ["query", ...loc], msg, type, input, ...(ctx ? { ctx } : {}) });
  }

  string(name: string): string | undefined {
    return this.query.get(name) ?? undefined;
  }

  int(name: string, fallback: number, min: number, max?: number): number {
    const raw = this.query.get(name);
    if (raw === null) return fallback;
    const value = Number(raw);
    if (!/^[+-]?\d+$/.test(raw.trim()))
      this.fail([name], "Input should be a valid integer, unable to parse string as an integer", "int_parsing", raw);
    else if (value < min) this.fail([name], `Input should be greater than or equal to ${min}`, "greater_than_equal", raw, { ge: min });
    else if (max !== undefined && value > max)
      this.fail([name], `Input should be less than or equal to ${max}`, "less_than_equal", raw, { le: max });
    else return value;
    return fallback;
  }

  bool(name: string): boolean | undefined {
    const raw = this.query.get(name);
    if (raw === null) return undefined;
    if (TRUE.has(raw.toLowerCase())) return true;
    if (FALSE.has(raw.toLowerCase())) return false;
    this.fail([name], "Input should be a valid boolean, unable to interpret input", "bool_parsing", raw);
    return undefined;
  }

  private checkChoice<T extends string>(loc: Loc, raw: string, values: readonly T[]): raw is T {
    if ((values as readonly string[]).includes(raw)) return true;
    this.fail(loc, `Input should be ${quoteChoices(values)}`, "enum", raw, { expected: quoteChoices(values) });
    return false;
  }

  choice<T extends string>(name: string, values: readonly T[], fallback: T): T;
  choice<T extends string>(name: string, values: readonly T[]): T | undefined;
  choice<T extends string>(name: string, values: readonly T[], fallback?: T): T | undefined {
    const raw = this.query.get(name);
    if (raw === null) return fallback;
    return this.checkChoice([name], raw, values) ? raw : fallback;
  }

  choices<T extends string>(name: string, values: readonly T[], fallback: T[]): T[] {
    const raw = this.query.getAll(name);
    if (raw.length === 0) return fallback;
    return raw.filter((value, i): value is T => this.checkChoice([name, i], value, values));
  }

  uuids(name: string): string[] | undefined {
    const raw = this.query.getAll(name);
    if (raw.length === 0) return undefined;
    raw.forEach((value, i) => {
      if (!isUuid(value)) this.fail([name, i], "Input should be a valid UUID", "uuid_parsing", value);
    });
    return raw.map((value) => value.toLowerCase());
  }

  paging(): Paging {
    return { page: this.int("page", 1, 1), pageSize: this.int("page_size", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE) };
  }
}

export interface Paging {
  page: number;
  pageSize: number;
}

/** One page of `items` in Arthur's envelope; a page past the end is empty. */
export function paginate<T>(items: readonly T[], { page, pageSize }: Paging): ResourceList<T> {
  const start = (page - 1) * pageSize;
  return {
    records: items.slice(start, start + pageSize),
    pagination: {
      page,
      page_size: pageSize,
      total_pages: Math.ceil(items.length / pageSize),
      total_records: items.length,
    },
  };
}
