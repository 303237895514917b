import { allProviderSettings, type ProviderSettings } from "../config";
import { createArthurAdapter } from "./arthur/adapter";
import { createAstronomerAdapter } from "./astronomer/adapter";
import { createOpenAIAdapter } from "./openai/adapter";
import { PROVIDER_LABELS, type ProviderAdapter, type ProviderConnection, type ProviderId } from "./types";

/** Every provider Roster knows. A fourth provider is one folder plus one line here. */
export const PROVIDERS: Record<ProviderId, { label: string; create: (c: ProviderConnection) => ProviderAdapter }> = {
  openai: { label: PROVIDER_LABELS.openai, create: createOpenAIAdapter },
  astronomer: { label: PROVIDER_LABELS.astronomer, create: createAstronomerAdapter },
  arthur: { label: PROVIDER_LABELS.arthur, create: createArthurAdapter },
};

export interface ConfiguredProvider {
  settings: ProviderSettings;
  label: string;
  /** Null when the provider is not configured. */
  adapter: ProviderAdapter | null;
}

const globalForProviders = globalThis as unknown as { __rosterProviders?: ConfiguredProvider[] };

/** The providers as configured by the environment, adapters built once per process. */
export function configuredProviders(): ConfiguredProvider[] {
  if (!globalForProviders.__rosterProviders) {
    globalForProviders.__rosterProviders = allProviderSettings().map((settings) => ({
      settings,
      label: PROVIDERS[settings.id].label,
      adapter: settings.connection ? PROVIDERS[settings.id].create(settings.connection) : null,
    }));
  }
  return globalForProviders.__rosterProviders;
}

export function configuredProvider(id: ProviderId): ConfiguredProvider {
  return configuredProviders().find((p) => p.settings.id === id)!;
}
