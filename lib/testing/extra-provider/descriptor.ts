import { defineProvider, type ProviderDescriptor } from "../../providers/descriptor";

/**
 * A test-only fourth provider ("Example"), proof that a provider is its folder plus one line
 * in lib/providers/catalog.ts and lib/providers/modules.ts: registered only in a process
 * started with ROSTER_TEST_EXTRA_PROVIDER=1 (e2e/api/extra-provider.spec.ts, the vitest in
 * this folder), never in the product.
 */
export const EXTRA_PROVIDER_ENV = "ROSTER_TEST_EXTRA_PROVIDER";

export const exampleDescriptor = defineProvider({
  id: "example",
  label: "Example",
  accent: "amber",
  colours: {
    dot: "bg-example-500",
    badge: "border-example-600/20 bg-example-50 text-example-900 dark:border-example-400/25 dark:bg-example-400/10 dark:text-example-100",
    text: "text-example-700 dark:text-example-300",
  },
  env: { credentials: ["EXAMPLE_API_KEY"], variables: ["EXAMPLE_API_KEY", "EXAMPLE_BASE_URL"] },
  sandboxBasePath: "/api",
  memberIds: { ignoreCase: false },
});

export function extraProviderEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env[EXTRA_PROVIDER_ENV] === "1";
}

export function extraProviderDescriptors(): ProviderDescriptor[] {
  return extraProviderEnabled() ? [exampleDescriptor] : [];
}
