import { expect } from "vitest";
import { isProviderError, type ProviderError } from "./errors";

/** Test-only: the ProviderError a promise rejects with; the test fails if it resolves or rejects with anything else. */
export async function providerError(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(isProviderError(error), `a ProviderError, got ${String(error)}`).toBe(true);
  return error as ProviderError;
}
