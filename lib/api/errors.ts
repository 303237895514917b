import type { z } from "zod";
import { brand, hasBrand, setBrand } from "../brand";
import { isProviderError } from "../providers/errors";
import { ERROR_STATUS, type ErrorCode } from "./error-codes";

/** The one JSON error envelope every route answers: `{ error: { code, message, details? } }`. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

const API_ERROR = brand("ApiError");

/**
 * An answer with its code, and the status the code is answered with (lib/api/error-codes.ts).
 * Recognise it with `isApiError`, never `instanceof` (see lib/brand.ts).
 */
export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.status = ERROR_STATUS[code];
    this.name = "ApiError";
    setBrand(this, API_ERROR);
  }
}

/** An ApiError made by any copy of this module. */
export function isApiError(value: unknown): value is ApiError {
  return hasBrand(value, API_ERROR);
}

export const unauthorized = () => new ApiError("unauthorized", "Sign in to continue");
export const forbidden = (needed: string) => new ApiError("forbidden", `This needs the ${needed} role in Roster`);
export const passwordChangeRequired = () =>
  new ApiError(
    "password_change_required",
    "Choose a new password first (the one you were given was set by an owner): POST /api/account/password",
  );
export const notFound = (what: string) => new ApiError("not_found", `${what} not found`);

/** zod issues as a message that names the field, and details per field. */
export function validationError(where: "query" | "body" | "path", error: z.ZodError): ApiError {
  const details = error.issues.map((issue) => ({
    field: issue.path.length ? issue.path.join(".") : where,
    message: issue.message,
  }));
  const first = details[0];
  const message = first.message.toLowerCase().startsWith(String(first.field).toLowerCase())
    ? first.message
    : `${first.field}: ${first.message}`;
  return new ApiError("invalid_input", message, details);
}

export function errorBody(error: unknown, requestId: string): { status: number; body: ErrorBody } {
  if (isApiError(error)) {
    return { status: error.status, body: { error: { code: error.code, message: error.message, details: error.details } } };
  }
  if (isProviderError(error)) {
    // The provider's own words; a provider's 404 stays a 404, any other failure is a bad gateway.
    return {
      status: error.status === 404 ? 404 : 502,
      body: {
        error: {
          code: "provider_error",
          message: error.message,
          details: { provider: error.provider, status: error.status, kind: error.kind },
        },
      },
    };
  }
  return {
    status: 500,
    body: { error: { code: "internal", message: `Something went wrong on the server (request ${requestId})` } },
  };
}
