import { PROVIDER_IDS, type ProviderId } from "@/lib/providers/types";

export interface ProviderMeta {
  label: string;
  /** Small solid marker (dots, bars). */
  dot: string;
  /** Tinted badge surface, border and text. */
  badge: string;
  /** Accent text. */
  text: string;
}

/** Display names and the one accent colour per provider, used everywhere a provider appears. */
export const PROVIDER_META: Record<ProviderId, ProviderMeta> = {
  openai: {
    label: "OpenAI",
    dot: "bg-emerald-500",
    badge:
      "border-emerald-600/20 bg-emerald-50 text-emerald-900 dark:border-emerald-400/25 dark:bg-emerald-400/10 dark:text-emerald-100",
    text: "text-emerald-700 dark:text-emerald-300",
  },
  astronomer: {
    label: "Astronomer",
    dot: "bg-violet-500",
    badge:
      "border-violet-600/20 bg-violet-50 text-violet-900 dark:border-violet-400/25 dark:bg-violet-400/10 dark:text-violet-100",
    text: "text-violet-700 dark:text-violet-300",
  },
  arthur: {
    label: "Arthur",
    dot: "bg-sky-500",
    badge: "border-sky-600/20 bg-sky-50 text-sky-900 dark:border-sky-400/25 dark:bg-sky-400/10 dark:text-sky-100",
    text: "text-sky-700 dark:text-sky-300",
  },
};

export function providerLabel(id: ProviderId): string {
  return PROVIDER_META[id]?.label ?? id;
}

export const PROVIDER_OPTIONS = PROVIDER_IDS.map((id) => ({ value: id, label: PROVIDER_META[id].label }));
