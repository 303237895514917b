/**
 * What Roster knows about a provider without talking to it: names, colours, the variables
 * that configure it, where its API and sandbox live, how its member ids compare. Client-safe
 * (no server code, no secrets): the pages read the label and colours from here, the server
 * the rest. Each provider folder has one (`lib/providers/<id>/descriptor.ts`), listed once in
 * `lib/providers/catalog.ts`.
 */

/** How a provider is reached: its real API, its local sandbox, or not at all. */
export type ProviderMode = "live" | "sandbox" | "unconfigured";

/** Tailwind palettes a provider's accent may take. */
export type AccentPalette = "emerald" | "violet" | "sky" | "amber" | "rose" | "teal" | "indigo" | "lime" | "fuchsia" | "orange";

export interface ProviderColours {
  /** Small solid marker (dots, bars). */
  dot: string;
  /** Tinted badge surface, border and text. */
  badge: string;
  /** Accent text. */
  text: string;
}

export interface ProviderDescriptor<Id extends string = string> {
  id: Id;
  /** How Roster names the provider to people (messages, pages). */
  label: string;
  /**
   * The Tailwind palette of the provider's one accent colour; tailwind.config.ts names it after the
   * provider (`emerald` for openai gives `bg-openai-500`).
   */
  accent: AccentPalette;
  /** Classes in that colour, named by provider (written out whole, so Tailwind finds them). */
  colours: ProviderColours;
  env: {
    /** Any of these set means the provider is configured for real, so the sandboxes are not the default. */
    credentials: string[];
    /** Every variable the provider reads (each one is documented in `.env.example`). */
    variables: string[];
    /** Variables that must be set together or not at all. */
    together?: string[][];
  };
  /** The real API's base URL when its variable is unset; absent when the provider has no public host (Arthur). */
  defaultBaseUrl?: string;
  /** The base path the real API uses; the sandbox serves under the same one. */
  sandboxBasePath: string;
  memberIds: {
    /** Ids are matched without regard to letter case (Roster lower-cases them where they enter). */
    ignoreCase: boolean;
    /** A shape every member id has; anything else is refused before the provider is called. */
    format?: { check: (id: string) => boolean; message: string };
  };
}

export function defineProvider<const Id extends string>(descriptor: ProviderDescriptor<Id>): ProviderDescriptor<Id> {
  return descriptor;
}
