import { PROVIDER_DESCRIPTORS, providerDisplay } from "@/lib/providers/catalog";
import type { ProviderColours } from "@/lib/providers/descriptor";

export interface ProviderMeta extends ProviderColours {
  label: string;
}

/**
 * Display name and the one accent colour of a provider, from its descriptor
 * (lib/providers/<id>/descriptor.ts); an id this page does not know shows as itself, in grey.
 */
export function providerMeta(id: string): ProviderMeta {
  const { label, colours } = providerDisplay(id);
  return { label, ...colours };
}

export function providerLabel(id: string): string {
  return providerDisplay(id).label;
}

export const PROVIDER_OPTIONS = PROVIDER_DESCRIPTORS.map((d) => ({ value: d.id, label: d.label }));
