import { allProviderSettings, type ProviderSettings } from "../config";
import { PROVIDER_LABELS } from "./catalog";
import { providerModule } from "./modules";
import type { ProviderAdapter, ProviderId } from "./types";

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
      label: PROVIDER_LABELS[settings.id],
      adapter: settings.connection ? providerModule(settings.id).createAdapter(settings.connection) : null,
    }));
  }
  return globalForProviders.__rosterProviders;
}

export function configuredProvider(id: ProviderId): ConfiguredProvider {
  return configuredProviders().find((p) => p.settings.id === id)!;
}
