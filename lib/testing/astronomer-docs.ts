/**
 * Test-only: the published contract of the Astro Core API v1alpha1 is not an OpenAPI
 * file but the markdown docs of its generated Python client
 * (specs/astronomer/v1alpha1/client/docs). This reads them into a validator:
 * operations from `*Api.md` (method, path, path/query/body parameters, return type,
 * status codes) and models from `<Model>.md` (properties, required unless marked
 * `[optional]`, types `str`/`int`/`float`/`bool`/`datetime`, `Model` links and
 * `List[...]`). The docs use Python snake_case names; the wire uses camelCase.
 * Nothing at run time imports this file.
 */
import fs from "node:fs";
import path from "node:path";

export type DocType =
  | { kind: "primitive"; name: "str" | "int" | "float" | "bool" | "datetime" | "date" | "object" }
  | { kind: "model"; name: string }
  | { kind: "list"; of: DocType };

export interface DocProperty {
  /** As in the docs (snake_case). */
  name: string;
  /** As on the wire (camelCase). */
  wire: string;
  type: DocType;
  required: boolean;
}

export interface DocModel {
  name: string;
  properties: DocProperty[];
}

export interface DocParameter extends DocProperty {
  in: "path" | "query" | "body";
}

export interface DocOperation {
  name: string;
  method: string;
  path: string;
  parameters: DocParameter[];
  /** Null for `void (empty response body)`. */
  returns: DocType | null;
  statuses: number[];
  /** The one 2xx status the docs list. */
  success: number;
  matches(method: string, path: string): boolean;
}

export interface RecordedCall {
  method: string;
  /** Below the base path, e.g. `/organizations/x/users`. */
  path: string;
  query: Array<[string, string]>;
  body: unknown;
}

const PRIMITIVES = new Set(["str", "int", "float", "bool", "datetime", "date", "object"]);
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** `avatar_url` → `avatarUrl`. A double underscore (`name__like`) is a wire name kept as is. */
export const snakeToCamel = (name: string) =>
  name.includes("__") ? name : name.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

/** `**str**`, `[**Invite**](Invite.md)`, `[**List[Invite]**](Invite.md)` → a DocType. */
export function parseDocType(cell: string): DocType {
  const name = /\*\*(.+?)\*\*/.exec(cell)?.[1]?.trim();
  if (!name) throw new Error(`No type in "${cell}"`);
  return typeFromName(name);
}

function typeFromName(name: string): DocType {
  const list = /^List\[(.+)\]$/.exec(name);
  if (list) return { kind: "list", of: typeFromName(list[1].trim()) };
  if (/^Dict\[/.test(name)) return { kind: "primitive", name: "object" };
  if (PRIMITIVES.has(name)) return { kind: "primitive", name: name as "str" };
  return { kind: "model", name };
}

/** Rows `**name** | type | description | notes` of the first table after `heading`. */
function tableRows(text: string, heading: string): DocProperty[] {
  const start = text.indexOf(heading);
  if (start < 0) return [];
  const rows: DocProperty[] = [];
  for (const line of text
    .slice(start + heading.length)
    .split("\n")
    .slice(1)) {
    if (line.startsWith("#")) break;
    const cells = line.split("|");
    const name = /^\s*\*\*(\w+)\*\*\s*$/.exec(cells[0] ?? "")?.[1];
    if (!name || cells.length < 4) continue;
    rows.push({
      name,
      wire: snakeToCamel(name),
      type: parseDocType(cells[1]),
      required: !cells[cells.length - 1].includes("[optional]"),
    });
  }
  return rows;
}

function parseOperation(name: string, method: string, template: string, section: string): DocOperation {
  const pathNames = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  const parameters: DocParameter[] = tableRows(section, "### Parameters").map((p) => ({
    ...p,
    in: p.name === "body" ? "body" : pathNames.includes(p.wire) ? "path" : "query",
  }));
  const returnLine =
    section
      .split("### Return type")[1]
      ?.split("\n")
      .find((l) => l.trim()) ?? "";
  const statuses = [...(section.split("### HTTP response details")[1] ?? "").matchAll(/^\*\*(\d{3})\*\*/gm)].map((m) => Number(m[1]));
  const successes = statuses.filter((s) => s >= 200 && s < 300);
  if (successes.length !== 1) throw new Error(`${name}: expected one 2xx status, found ${successes.join(", ") || "none"}`);
  const regex = new RegExp(`^${template.replace(/\{\w+\}/g, "[^/]+")}/?$`);
  return {
    name,
    method,
    path: template,
    parameters,
    returns: returnLine.startsWith("void") ? null : parseDocType(returnLine),
    statuses,
    success: successes[0],
    matches: (m, p) => m.toUpperCase() === method && regex.test(p),
  };
}

/** The operations of one `*Api.md`. */
export function parseApiDoc(text: string): DocOperation[] {
  const index = [...text.matchAll(/^\[\*\*(\w+)\*\*\]\([^)]*\) \| \*\*(\w+)\*\* (\S+) \|/gm)];
  return index.map(([, name, method, template]) => {
    const section = text.split(`\n# **${name}**`)[1]?.split("\n# **")[0];
    if (!section) throw new Error(`No section for operation ${name}`);
    return parseOperation(name, method.toUpperCase(), template, section);
  });
}

export function parseModelDoc(name: string, text: string): DocModel {
  return { name, properties: tableRows(text, "## Properties") };
}

export class AstronomerDocs {
  readonly operations: DocOperation[];
  private readonly models = new Map<string, DocModel>();

  constructor(
    private readonly dir: string,
    apiFiles = ["UserApi.md", "InviteApi.md", "WorkspaceApi.md"],
  ) {
    this.operations = apiFiles.flatMap((file) => parseApiDoc(fs.readFileSync(path.join(dir, file), "utf8")));
  }

  /** A model doc, read on first use (some operations we never call link to models that are not stored). */
  model(name: string): DocModel {
    let model = this.models.get(name);
    if (!model) {
      model = parseModelDoc(name, fs.readFileSync(path.join(this.dir, `${name}.md`), "utf8"));
      this.models.set(name, model);
    }
    return model;
  }

  operation(method: string, requestPath: string): DocOperation | null {
    return this.operations.find((op) => op.matches(method, requestPath)) ?? null;
  }

  /**
   * Errors of `value` against `type`. Strict: a property the model does not define is
   * an error, so the sandbox cannot invent fields. Optional properties may be null
   * (pydantic `Optional[...]`); required ones may not.
   */
  validate(type: DocType, value: unknown, where = "$"): string[] {
    if (type.kind === "list") {
      if (!Array.isArray(value)) return [`${where}: expected an array`];
      return value.flatMap((item, i) => this.validate(type.of, item, `${where}[${i}]`));
    }
    if (type.kind === "primitive") return primitiveErrors(type.name, value, where);
    if (!value || typeof value !== "object" || Array.isArray(value)) return [`${where}: expected a ${type.name} object`];
    const model = this.model(type.name);
    const record = value as Record<string, unknown>;
    const known = new Set(model.properties.map((p) => p.wire));
    const errors = Object.keys(record)
      .filter((key) => !known.has(key))
      .map((key) => `${where}.${key}: not a property of ${model.name}`);
    for (const prop of model.properties) {
      const v = record[prop.wire];
      if (v === undefined || v === null) {
        if (prop.required) errors.push(`${where}.${prop.wire}: required by ${model.name}`);
        continue;
      }
      errors.push(...this.validate(prop.type, v, `${where}.${prop.wire}`));
    }
    return errors;
  }

  /** Errors of a request against the documented method, path, query parameters and body. */
  validateRequest(call: RecordedCall): string[] {
    const op = this.operation(call.method, call.path);
    if (!op) return [`${call.method} ${call.path}: no such operation in the docs`];
    const where = `${op.name} request`;
    const errors = queryErrors(op, call.query, where);
    const body = op.parameters.find((p) => p.in === "body");
    if (!body) {
      if (call.body !== undefined) errors.push(`${where}: the operation takes no body`);
    } else if (call.body === undefined) {
      if (body.required) errors.push(`${where}: body required`);
    } else {
      errors.push(...this.validate(body.type, call.body, `${where} body`));
    }
    return errors;
  }

  /** Errors of a response: a documented status, and the return type (2xx) or `Error` (otherwise). */
  validateResponse(call: Pick<RecordedCall, "method" | "path">, status: number, body: unknown): string[] {
    const op = this.operation(call.method, call.path);
    if (!op) return [`${call.method} ${call.path}: no such operation in the docs`];
    const where = `${op.name} ${status}`;
    if (!op.statuses.includes(status)) return [`${where}: status not documented (${op.statuses.join(", ")})`];
    if (status >= 300) return this.validate({ kind: "model", name: "Error" }, body, `${where} body`);
    if (!op.returns) return body === undefined || body === null || body === "" ? [] : [`${where}: expected an empty body`];
    return this.validate(op.returns, body, `${where} body`);
  }
}

function primitiveErrors(name: string, value: unknown, where: string): string[] {
  const ok =
    name === "str"
      ? typeof value === "string"
      : name === "int"
        ? Number.isInteger(value)
        : name === "float"
          ? typeof value === "number"
          : name === "bool"
            ? typeof value === "boolean"
            : name === "datetime"
              ? typeof value === "string" && RFC3339.test(value) && !Number.isNaN(Date.parse(value))
              : name === "date"
                ? typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)
                : value !== null && typeof value === "object";
  return ok ? [] : [`${where}: expected ${name}, got ${JSON.stringify(value)}`];
}

function queryValueOk(type: DocType, raw: string): boolean {
  const scalar = type.kind === "list" ? type.of : type;
  if (scalar.kind !== "primitive") return false;
  if (scalar.name === "int") return /^-?\d+$/.test(raw);
  if (scalar.name === "bool") return raw === "true" || raw === "false";
  if (scalar.name === "datetime") return RFC3339.test(raw);
  return true;
}

function queryErrors(op: DocOperation, query: Array<[string, string]>, where: string): string[] {
  const params = new Map(op.parameters.filter((p) => p.in === "query").map((p) => [p.wire, p]));
  const errors: string[] = [];
  const seen = new Map<string, number>();
  for (const [key, raw] of query) {
    const param = params.get(key);
    seen.set(key, (seen.get(key) ?? 0) + 1);
    if (!param) errors.push(`${where}: query parameter '${key}' is not documented`);
    else if (!queryValueOk(param.type, raw)) errors.push(`${where}: query '${key}=${raw}' is not a ${JSON.stringify(param.type)}`);
    else if (param.type.kind !== "list" && seen.get(key)! > 1) errors.push(`${where}: query '${key}' repeated`);
  }
  for (const param of params.values()) {
    if (param.required && !seen.has(param.wire)) errors.push(`${where}: query '${param.wire}' required`);
  }
  return errors;
}

export function loadAstronomerDocs(dir: string): AstronomerDocs {
  return new AstronomerDocs(dir);
}
