import { describe, expect, it, vi } from "vitest";

/**
 * Next loads a copy of every module per server layer, and what is shared through
 * globalThis (the provider registry, caches) was built by whichever layer asked first.
 * These tests load two copies of the error modules, as two layers would, and check that
 * each copy recognises the other's errors, so an error thrown by an adapter the page
 * layer built still becomes the right answer in the route layer.
 */

async function copy() {
  vi.resetModules();
  return {
    providers: await import("../providers/errors"),
    api: await import("./errors"),
    changes: await import("../audit/change"),
    config: await import("../config"),
  };
}

describe("errors across copies of their modules (Next's server layers)", () => {
  it("a ProviderError from another copy answers 502 with the provider's words, not 500", async () => {
    const route = await copy();
    const page = await copy();
    expect(page.providers.ProviderError).not.toBe(route.providers.ProviderError);
    const error = new page.providers.ProviderError({ provider: "openai", kind: "http", status: 503, message: "OpenAI is over capacity" });
    expect(error instanceof route.providers.ProviderError, "what instanceof would say").toBe(false);
    expect(route.providers.isProviderError(error)).toBe(true);
    expect(
      route.providers.isNotFound(new page.providers.ProviderError({ provider: "arthur", kind: "http", status: 404, message: "gone" })),
    ).toBe(true);
    expect(route.api.errorBody(error, "req-1")).toEqual({
      status: 502,
      body: {
        error: { code: "provider_error", message: "OpenAI is over capacity", details: { provider: "openai", status: 503, kind: "http" } },
      },
    });
  });

  it("an ApiError (and a Refusal) from another copy keeps its status and code", async () => {
    const route = await copy();
    const other = await copy();
    expect(route.api.errorBody(new other.api.ApiError("unsupported", "Arthur is not configured"), "r")).toEqual({
      status: 422,
      body: { error: { code: "unsupported", message: "Arthur is not configured", details: undefined } },
    });
    const refusal = new other.changes.Refusal("last_owner", "Keep one owner");
    expect(route.changes.isRefusal(refusal)).toBe(true);
    expect(route.api.isApiError(refusal)).toBe(true);
    expect(route.api.errorBody(refusal, "r").status).toBe(409);
    expect(route.config.isConfigError(new other.config.ConfigError("ARTHUR_CLIENT_SECRET is missing"))).toBe(true);
  });

  it("is not fooled by look-alikes, and the brand never shows in JSON", async () => {
    const { providers, api, changes } = await copy();
    const lookalike = { name: "ProviderError", provider: "openai", kind: "http", status: 503, message: "x" };
    expect(providers.isProviderError(lookalike)).toBe(false);
    expect(providers.isProviderError(null)).toBe(false);
    expect(providers.isProviderError("ProviderError")).toBe(false);
    expect(api.isApiError(new Error("plain"))).toBe(false);
    expect(changes.isRefusal(new api.ApiError("already_exists", "not a rule"))).toBe(false);
    expect(api.errorBody(lookalike, "req-2").status).toBe(500);
    const error = new providers.ProviderError({ provider: "arthur", kind: "timeout", status: null, message: "No answer" });
    expect(JSON.parse(JSON.stringify(error))).toEqual({ provider: "arthur", kind: "timeout", status: null, message: "No answer" });
    expect(Object.keys(error)).not.toContain("roster.ProviderError");
  });
});
