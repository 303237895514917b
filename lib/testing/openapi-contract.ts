/**
 * Test-only: validates recorded sandbox traffic against a published OpenAPI 3.x
 * document (the files under ../shared/specs). Used by the contract tests of every
 * provider that publishes OpenAPI. Nothing at run time imports this file.
 */
import fs from "node:fs";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import YAML from "yaml";

type Json = Record<string, unknown>;

interface Parameter {
  name: string;
  in: "query" | "path" | "header" | "cookie";
  required?: boolean;
  schema?: Json;
}

interface Operation {
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Json }> };
  responses?: Record<string, { content?: Record<string, { schema?: Json }> }>;
}

export interface OpenApiDoc {
  file: string;
  paths: Record<string, Record<string, Operation | Parameter[]>>;
  ajv: Ajv2020;
  cache: Map<Json, ValidateFunction>;
}

/** OpenAPI 3.0's `nullable` (still used inside some 3.1 documents) as JSON Schema. */
function normalise(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(normalise);
  if (!node || typeof node !== "object") return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node as Json)) {
    if (key === "$ref" && typeof value === "string" && value.startsWith("#/")) out[key] = `spec${value}`;
    else if (key === "example" || key === "examples" || key.startsWith("x-")) continue;
    else out[key] = normalise(value);
  }
  if (out.nullable === true) {
    delete out.nullable;
    if (typeof out.type === "string") {
      out.type = [out.type, "null"];
      if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
      return out;
    }
    return { anyOf: [out, { type: "null" }] };
  }
  delete out.nullable;
  return out;
}

export function loadOpenApi(file: string): OpenApiDoc {
  const text = fs.readFileSync(file, "utf8");
  const raw = (file.endsWith(".json") ? JSON.parse(text) : YAML.parse(text, { maxAliasCount: -1 })) as Json;
  const doc = normalise(raw) as Json;
  const ajv = new Ajv2020({ strict: false, allErrors: true, logger: false, validateFormats: true });
  addFormats(ajv);
  ajv.addSchema({ $id: "spec", components: doc.components ?? {} });
  return { file, paths: (doc.paths ?? {}) as OpenApiDoc["paths"], ajv, cache: new Map() };
}

function validate(doc: OpenApiDoc, schema: Json, value: unknown, where: string): string[] {
  let fn = doc.cache.get(schema);
  if (!fn) {
    fn = doc.ajv.compile(schema);
    doc.cache.set(schema, fn);
  }
  if (fn(value)) return [];
  return (fn.errors ?? [])
    .slice(0, 8)
    .map(
      (e) =>
        `${where}${e.instancePath || ""}: ${e.message ?? "invalid"}${e.params && "additionalProperty" in e.params ? ` (${String(e.params.additionalProperty)})` : ""}`,
    );
}

/** Finds the spec's path template for a template or a concrete path. */
export function matchPath(doc: OpenApiDoc, path: string): { template: string; params: Record<string, string> } | null {
  if (doc.paths[path]) {
    return { template: path, params: {} };
  }
  for (const template of Object.keys(doc.paths)) {
    const names: string[] = [];
    const source = template
      .split(/(\{[^}]+\})/)
      .map((part) => {
        const m = /^\{([^}]+)\}$/.exec(part);
        if (m) {
          names.push(m[1]);
          return "([^/]+)";
        }
        return part.replace(/[.*+?^$()|[\]\\]/g, "\\$&");
      })
      .join("");
    const match = new RegExp(`^${source}$`).exec(path);
    if (match) {
      const params: Record<string, string> = {};
      names.forEach((n, i) => (params[n] = decodeURIComponent(match[i + 1])));
      return { template, params };
    }
  }
  return null;
}

function operationOf(doc: OpenApiDoc, method: string, path: string) {
  const matched = matchPath(doc, path);
  if (!matched) return { error: `${method} ${path}: no such path in ${doc.file}` } as const;
  const item = doc.paths[matched.template];
  const op = item[method.toLowerCase()] as Operation | undefined;
  if (!op) return { error: `${method} ${matched.template}: the spec has no ${method} on this path` } as const;
  const shared = (Array.isArray(item.parameters) ? item.parameters : []) as Parameter[];
  return { op, template: matched.template, params: matched.params, parameters: [...shared, ...(op.parameters ?? [])] } as const;
}

function jsonSchemaOf(content: Record<string, { schema?: Json }> | undefined): Json | null {
  if (!content) return null;
  const entry = content["application/json"] ?? Object.values(content)[0];
  return entry?.schema ?? null;
}

/** Coerces a query or path string to what the parameter schema expects. */
function coerce(schema: Json | undefined, value: string): unknown {
  const type = Array.isArray(schema?.type) ? (schema?.type as string[])[0] : schema?.type;
  if (type === "integer" || type === "number") return value.trim() === "" ? value : Number(value);
  if (type === "boolean") return value === "true" ? true : value === "false" ? false : value;
  return value;
}

function isArraySchema(schema: Json | undefined): boolean {
  if (!schema) return false;
  if (schema.type === "array" || (Array.isArray(schema.type) && schema.type.includes("array"))) return true;
  const options = (schema.anyOf ?? schema.oneOf) as Json[] | undefined;
  return Boolean(options?.some((s) => s.type === "array"));
}

export function validateRequest(
  doc: OpenApiDoc,
  req: { method: string; path: string; query: Array<[string, string]>; body: unknown },
): string[] {
  const found = operationOf(doc, req.method, req.path);
  if ("error" in found) return [found.error as string];
  const where = `${req.method} ${found.template}`;
  const errors: string[] = [];

  for (const p of found.parameters.filter((p) => p.in === "path")) {
    const value = found.params[p.name];
    if (value !== undefined && p.schema) errors.push(...validate(doc, p.schema, coerce(p.schema, value), `${where} path ${p.name}`));
  }

  const declared = new Map(found.parameters.filter((p) => p.in === "query").map((p) => [p.name, p]));
  const grouped = new Map<string, string[]>();
  for (const [rawName, value] of req.query) {
    // An object parameter sent as `name[key]=value` (OpenAI's `effective_at[gte]`): check the key and its value.
    const deep = /^([^[\]]+)\[([^[\]]+)\]$/.exec(rawName);
    const property = deep ? (declared.get(deep[1])?.schema?.properties as Record<string, Json> | undefined)?.[deep[2]] : undefined;
    if (deep && property) {
      errors.push(...validate(doc, property, coerce(property, value), `${where} query ${rawName}`));
      continue;
    }
    const name = declared.has(rawName) ? rawName : rawName.replace(/\[\]$/, "");
    grouped.set(name, [...(grouped.get(name) ?? []), value]);
  }
  for (const [name, values] of grouped) {
    const p = declared.get(name);
    if (!p) {
      errors.push(`${where}: query parameter "${name}" is not in the spec`);
      continue;
    }
    if (!p.schema) continue;
    if (isArraySchema(p.schema)) {
      const items = (p.schema.items ??
        ((p.schema.anyOf ?? p.schema.oneOf) as Json[] | undefined)?.find((s) => s.type === "array")?.items ??
        {}) as Json;
      errors.push(
        ...validate(
          doc,
          p.schema,
          values.map((v) => coerce(items, v)),
          `${where} query ${name}`,
        ),
      );
    } else {
      if (values.length > 1) errors.push(`${where}: query parameter "${name}" repeated but not an array`);
      errors.push(...validate(doc, p.schema, coerce(p.schema, values[0]), `${where} query ${name}`));
    }
  }
  for (const p of declared.values()) {
    if (p.required && !grouped.has(p.name)) errors.push(`${where}: required query parameter "${p.name}" missing`);
  }

  const bodySchema = jsonSchemaOf(found.op.requestBody?.content);
  if (req.body === undefined || req.body === null) {
    if (found.op.requestBody?.required) errors.push(`${where}: the spec requires a request body`);
  } else if (!found.op.requestBody) {
    errors.push(`${where}: sent a body, but the spec defines none`);
  } else if (bodySchema) {
    errors.push(...validate(doc, bodySchema, req.body, `${where} body`));
  }
  return errors;
}

export function validateResponse(doc: OpenApiDoc, res: { method: string; path: string; status: number; body: unknown }): string[] {
  const found = operationOf(doc, res.method, res.path);
  if ("error" in found) return [found.error as string];
  const where = `${res.method} ${found.template} → ${res.status}`;
  const responses = found.op.responses ?? {};
  const declared = responses[String(res.status)] ?? responses[`${String(res.status)[0]}XX`] ?? responses.default;
  if (!declared) {
    return [`${where}: status ${res.status} is not documented (documented: ${Object.keys(responses).join(", ")})`];
  }
  const schema = jsonSchemaOf(declared.content);
  if (!schema) {
    return res.body === undefined || res.body === null || res.body === "" ? [] : [`${where}: the spec documents no body, but one was sent`];
  }
  return validate(doc, schema, res.body, where);
}
