import { brand, hasBrand, setBrand } from "../brand";
import { maskSecrets } from "../security/secret-values";
import type { ProviderId } from "./types";

export type ProviderErrorKind =
  /** The provider answered with a non-2xx status. */
  | "http"
  /** No answer within the timeout. */
  | "timeout"
  /** Connection refused, reset, DNS failure. */
  | "network"
  /** The body was not JSON, or not the shape the published contract promises. */
  | "malformed";

const PROVIDER_ERROR = brand("ProviderError");

/**
 * The one error type for every provider failure. `message` is the provider's own words.
 * Recognise it with `isProviderError`, never `instanceof` (see lib/brand.ts).
 */
export class ProviderError extends Error {
  readonly provider: ProviderId;
  readonly kind: ProviderErrorKind;
  /** HTTP status, or null when there was no HTTP answer. */
  readonly status: number | null;
  /** The provider's request id, when it sent one. */
  readonly requestId: string | null;

  constructor(init: { provider: ProviderId; kind: ProviderErrorKind; status: number | null; message: string; requestId?: string | null }) {
    // The provider's words, minus any of Roster's own secrets it repeated (its key in a 401).
    super(maskSecrets(init.message));
    this.name = "ProviderError";
    this.provider = init.provider;
    this.kind = init.kind;
    this.status = init.status;
    this.requestId = init.requestId ?? null;
    setBrand(this, PROVIDER_ERROR);
  }

  toJSON() {
    return { provider: this.provider, kind: this.kind, status: this.status, message: this.message };
  }
}

/** A ProviderError made by any copy of this module (whichever server layer built the adapter). */
export function isProviderError(value: unknown): value is ProviderError {
  return hasBrand(value, PROVIDER_ERROR);
}

/** The provider answered 404: what was asked for does not exist there. */
export function isNotFound(error: unknown): boolean {
  return isProviderError(error) && error.kind === "http" && error.status === 404;
}
