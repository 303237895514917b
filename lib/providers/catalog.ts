import type { ProviderColours, ProviderDescriptor } from "./descriptor";
import { arthurDescriptor } from "./arthur/descriptor";
import { astronomerDescriptor } from "./astronomer/descriptor";
import { openaiDescriptor } from "./openai/descriptor";
import { extraProviderDescriptors } from "../testing/extra-provider/descriptor";

/**
 * Every provider Roster knows, in display order (client-safe: descriptors only). Adding a
 * provider: its folder, one line here and one in `lib/providers/modules.ts` (its server part).
 */
const BUILT_IN = [openaiDescriptor, astronomerDescriptor, arthurDescriptor] as const;

export type ProviderId = (typeof BUILT_IN)[number]["id"];

/** The built-in providers, then (only where ROSTER_TEST_EXTRA_PROVIDER=1, in tests) the test-only one. */
export const PROVIDER_DESCRIPTORS: readonly ProviderDescriptor<ProviderId>[] = [
  ...BUILT_IN,
  ...(extraProviderDescriptors() as ProviderDescriptor<ProviderId>[]),
];

export const PROVIDER_IDS = PROVIDER_DESCRIPTORS.map((d) => d.id) as unknown as readonly [ProviderId, ...ProviderId[]];

const BY_ID = new Map<string, ProviderDescriptor<ProviderId>>(PROVIDER_DESCRIPTORS.map((d) => [d.id, d]));

export function isProviderId(value: unknown): value is ProviderId {
  return typeof value === "string" && BY_ID.has(value);
}

/** The descriptor of a provider Roster knows; throws for any other id (a programming error). */
export function providerDescriptor(id: ProviderId): ProviderDescriptor<ProviderId> {
  const found = BY_ID.get(id);
  if (!found) throw new Error(`Unknown provider "${id}"`);
  return found;
}

/** How Roster names each provider to people (messages, pages). */
export const PROVIDER_LABELS: Readonly<Record<ProviderId, string>> = Object.fromEntries(
  PROVIDER_DESCRIPTORS.map((d) => [d.id, d.label]),
) as Record<ProviderId, string>;

const NEUTRAL: ProviderColours = {
  dot: "bg-zinc-400",
  badge: "border-zinc-500/20 bg-zinc-50 text-zinc-900 dark:border-zinc-400/25 dark:bg-zinc-400/10 dark:text-zinc-100",
  text: "text-zinc-700 dark:text-zinc-300",
};

/**
 * A provider's label and colours for display, liberal in what it takes: an id this bundle does
 * not know (a page built without a provider the server has) shows as its id, in neutral grey.
 */
export function providerDisplay(id: string): { label: string; colours: ProviderColours } {
  const found = BY_ID.get(id);
  return found ? { label: found.label, colours: found.colours } : { label: id, colours: NEUTRAL };
}
