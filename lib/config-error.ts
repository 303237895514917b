import { brand, hasBrand, setBrand } from "./brand";

const CONFIG_ERROR = brand("ConfigError");

/** A setting that is wrong or half set. Recognise it with `isConfigError` (see lib/brand.ts). */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
    setBrand(this, CONFIG_ERROR);
  }
}

export function isConfigError(value: unknown): value is ConfigError {
  return hasBrand(value, CONFIG_ERROR);
}
