import { inspect } from "node:util";

const REDACTED = "[redacted]";

/**
 * A credential Roster shows once and never stores or logs. Printing, string
 * conversion and JSON serialisation all give "[redacted]"; only `reveal()` gives the
 * value, so showing it is always a deliberate call.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return REDACTED;
  }
}
