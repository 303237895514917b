import { z } from "zod";
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject, type ZodOpenApiResponsesObject } from "zod-openapi";
import { TOKEN_PREFIX } from "../../tokens/types";
import { type Operation, OPERATIONS, type ParamsSchema } from "./operations";

/**
 * Roster's own API as an OpenAPI 3.1 document, generated from OPERATIONS (the handlers'
 * own zod schemas) by zod-openapi: request bodies, path and query parameters as the
 * schemas take them, who may call each operation, and the error envelope every route
 * answers with.
 */

const errorBody = z
  .object({
    error: z.object({
      code: z.string().meta({ description: "Stable, machine-readable: unauthorized, forbidden, invalid_input, token_expired, …" }),
      message: z.string().meta({ description: "What is wrong, in words, naming the field where there is one" }),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: "Error", description: "Every error Roster answers has this shape" });

const errorResponse = (description: string) => ({ description, content: { "application/json": { schema: errorBody } } });

const SESSION = "session";
const TOKEN = "token";

function responses(op: Operation, method: string): ZodOpenApiResponsesObject {
  const ok = op.csv
    ? { description: "CSV, streamed", content: { "text/csv": { schema: z.string() } } }
    : op.text
      ? { description: "Prometheus text format", content: { "text/plain": { schema: z.string() } } }
      : {
          description: op.secret ? "Done; the answer carries a secret shown this once" : "Done",
          content: { "application/json": { schema: z.looseObject({}) } },
        };
  const out: ZodOpenApiResponsesObject = { "200": ok };
  if (op.approval) {
    out["202"] = {
      description: "Not done yet: stored as a request another admin approves (the two-person rule); the answer holds the request",
      content: { "application/json": { schema: z.looseObject({}) } },
    };
  }
  if (op.text) {
    out["401"] = { description: "The metrics token is missing or wrong", content: { "text/plain": { schema: z.string() } } };
    out["404"] = {
      description: "ROSTER_METRICS_TOKEN is not set: the route does not exist",
      content: { "text/plain": { schema: z.string() } },
    };
  }
  if (!op.role) return out;
  const changes = method !== "GET";
  out["401"] = errorResponse("No session, or the API token is unknown (invalid_token), expired (token_expired) or revoked (token_revoked)");
  out["403"] = errorResponse(
    `The caller's Roster role is below ${op.role} (forbidden)` +
      (op.sessionOnly
        ? "; API tokens cannot call this route (session_required)"
        : "; the API token's provider limit excludes a provider this call acts on (token_provider_forbidden)") +
      (changes ? "; a change with a session cookie from another origin (cross_origin)" : ""),
  );
  if (op.params) out["404"] = errorResponse("What the path names does not exist");
  if (changes) out["409"] = errorResponse("A rule of Roster's refused the change (its code says which: last_owner, already_exists, …)");
  if (changes) out["413"] = errorResponse("The body is over 1 MiB");
  if (op.body) out["415"] = errorResponse("The body is not JSON");
  if (op.params || op.query || op.body || changes)
    out["422"] = errorResponse("The input is invalid (invalid_input, with details per field)");
  out["429"] = errorResponse("Over the rate limit (per API token, session or address): see Retry-After");
  if (changes) out["502"] = errorResponse("The provider refused or failed the change (provider_error, with its status and words)");
  if (changes) out["503"] = errorResponse("Roster is stopping (shutting_down): try again in a moment");
  return out;
}

/** `{name}` segments of a path with no params schema (next-auth's catch-all): plain strings. */
function pathParamsOf(path: string, op: Operation): ParamsSchema | undefined {
  if (op.params) return op.params;
  const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  return names.length ? z.object(Object.fromEntries(names.map((n) => [n, z.string()]))) : undefined;
}

function operation(key: string, op: Operation): ZodOpenApiOperationObject {
  const [method, path] = key.split(" ");
  const security: Array<Record<string, string[]>> = !op.role
    ? []
    : op.sessionOnly
      ? [{ [SESSION]: [] }]
      : [{ [SESSION]: [] }, { [TOKEN]: [] }];
  const path_ = pathParamsOf(path, op);
  return {
    operationId: `${method.toLowerCase()}${path
      .replace(/^\/api/, "")
      .replace(/[{}]/g, "")
      .replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? "").toUpperCase())}`,
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    tags: [op.tag],
    security,
    ...(op.role ? { "x-roster-role": op.role } : {}),
    ...(path_ || op.query ? { requestParams: { ...(path_ ? { path: path_ } : {}), ...(op.query ? { query: op.query } : {}) } } : {}),
    ...(op.body ? { requestBody: { required: true, content: { "application/json": { schema: op.body } } } } : {}),
    responses: responses(op, method),
  };
}

let cached: ReturnType<typeof createDocument> | null = null;

export function openApiDocument(): ReturnType<typeof createDocument> {
  if (cached) return cached;
  const paths: ZodOpenApiPathsObject = {};
  for (const [key, op] of Object.entries(OPERATIONS)) {
    const [method, path] = key.split(" ");
    paths[path] = { ...paths[path], [method.toLowerCase()]: operation(key, op) };
  }
  cached = createDocument({
    openapi: "3.1.0",
    info: {
      title: "Roster API",
      version: "1",
      description:
        "Roster's own API: one directory of an organization's members on OpenAI, Astronomer and Arthur, and changes to it. " +
        `Call it with a session cookie (Roster's pages) or an API token (Authorization: Bearer ${TOKEN_PREFIX}…, made by an owner on the Settings page). ` +
        "Changes made with a session cookie must come from Roster's own origin; token calls need no cookie and no Origin. x-roster-role is the least Roster role an operation needs.",
    },
    security: [{ [SESSION]: [] }, { [TOKEN]: [] }],
    components: {
      securitySchemes: {
        [SESSION]: {
          type: "apiKey",
          in: "cookie",
          name: "next-auth.session-token",
          description: "A signed-in operator's session (`__Secure-next-auth.session-token` over https)",
        },
        [TOKEN]: {
          type: "http",
          scheme: "bearer",
          bearerFormat: `${TOKEN_PREFIX}…`,
          description: "An API token: acts with the token's Roster role, within its provider limit, audited as token:<name>",
        },
      },
    },
    paths,
  });
  return cached;
}
