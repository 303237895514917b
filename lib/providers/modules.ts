import { extraProviderModules } from "../testing/extra-provider";
import { arthurProvider } from "./arthur";
import { astronomerProvider } from "./astronomer";
import { PROVIDER_IDS, type ProviderId } from "./catalog";
import type { ProviderModule } from "./module";
import { openaiProvider } from "./openai";

/**
 * Every provider's server part, one line each (their descriptors are listed, client-safe,
 * in lib/providers/catalog.ts, which sets the order).
 */
const MODULES: ProviderModule[] = [openaiProvider, astronomerProvider, arthurProvider, ...extraProviderModules()];

const BY_ID = new Map<string, ProviderModule>(MODULES.map((m) => [m.descriptor.id, m]));
for (const id of PROVIDER_IDS)
  if (!BY_ID.has(id)) throw new Error(`Provider "${id}" has a descriptor but no server part in lib/providers/modules.ts`);

/** The server part of a provider Roster knows. */
export function providerModule(id: ProviderId): ProviderModule {
  const found = BY_ID.get(id);
  if (!found) throw new Error(`Unknown provider "${id}"`);
  return found;
}

/** Every provider's server part, in the catalog's order. */
export function providerModules(): ProviderModule[] {
  return PROVIDER_IDS.map(providerModule);
}
