import { describe, expect, it } from "vitest";
import { ApiFailure } from "./fetcher";
import { ERROR_STATUS, isErrorCode } from "./error-codes";
import { ApiError, errorBody } from "./errors";

describe("the error-code registry", () => {
  it("answers each code with its one status, on the server", () => {
    for (const [code, status] of Object.entries(ERROR_STATUS)) {
      if (!isErrorCode(code)) throw new Error(`${code} is in the registry but not a code`);
      expect(errorBody(new ApiError(code, "m"), "r")).toMatchObject({ status, body: { error: { code } } });
    }
  });

  it("is closed: a code not in it does not compile, on the server or in the browser", () => {
    // @ts-expect-error a typo in a code is a type error
    expect(new ApiError("last_ownr", "m").status).toBeUndefined();
    const failure = new ApiFailure({ status: 409, code: "last_owner", message: "m" });
    // @ts-expect-error comparing with a code that does not exist is a type error
    expect(failure.code === "last_ownr").toBe(false);
    expect(isErrorCode("last_ownr")).toBe(false);
    expect(isErrorCode("toString")).toBe(false);
  });
});
