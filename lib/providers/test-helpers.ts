import { expect } from "vitest";
import { ProviderError } from "./errors";

/** Test-only: the ProviderError a promise rejects with; the test fails if it resolves or rejects with anything else. */
export async function providerError(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}
