import { ApiError } from "../api/errors";
import { type ArthurExtras, arthurExtras } from "../providers/arthur/adapter";
import { configuredProvider } from "../providers/registry";
import type { ProviderAdapter } from "../providers/types";

/** Arthur's adapter and its extras, built once per process from the configured connection. */

const globalForArthur = globalThis as unknown as { __rosterArthurExtras?: ArthurExtras };

export interface ArthurHandles {
  adapter: ProviderAdapter;
  extras: ArthurExtras;
  mode: "live" | "sandbox";
}

export function arthur(): ArthurHandles {
  const configured = configuredProvider("arthur");
  const { connection, mode, missing } = configured.settings;
  if (!configured.adapter || !connection || mode === "unconfigured") {
    throw new ApiError("unsupported", `Arthur is not configured (${missing ?? "no credentials"})`);
  }
  globalForArthur.__rosterArthurExtras ??= arthurExtras(connection);
  return { adapter: configured.adapter, extras: globalForArthur.__rosterArthurExtras, mode };
}
