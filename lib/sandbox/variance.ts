import type { ProviderId } from "../providers/types";

/**
 * Variance cases: answers shaped the way real providers' answers are, though not the way
 * their specs promise (a field the spec requires left out, a role the enum lacks, a time
 * without a zone, a part the token may not read). Each case rewrites the answers of one
 * route; the sandbox state is untouched. Tests turn cases on through
 * `POST /__sandbox/variance {"cases": [...]}`; the demo through `ROSTER_SANDBOX_VARIANCE`.
 */

/** An answer as a route handler gives it (see lib/sandbox/server.ts). */
export interface VariedAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface VarianceCase {
  name: string;
  /** What it does, from which spec text or example, for people reading `GET /__sandbox/variance`. */
  description: string;
  method?: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  /** The route pattern whose answers it rewrites. */
  route: string;
  /** A new answer; must not change objects of the sandbox state (copy what you change). */
  apply: (answer: VariedAnswer) => VariedAnswer;
}

export class VarianceBook {
  private active: string[];

  constructor(
    private readonly cases: readonly VarianceCase[],
    private readonly initial: readonly string[] = [],
  ) {
    this.active = this.known(initial);
  }

  private known(names: readonly string[]): string[] {
    return names.filter((name) => this.cases.some((c) => c.name === name));
  }

  /** Names this sandbox does not have, if any. */
  unknown(names: readonly string[]): string[] {
    return names.filter((name) => !this.cases.some((c) => c.name === name));
  }

  set(names: readonly string[]): void {
    this.active = [...new Set(this.known(names))];
  }

  /** Back to the cases the sandbox started with. */
  reset(): void {
    this.active = this.known(this.initial);
  }

  list() {
    return {
      available: this.cases.map(({ name, description, method, route }) => ({ name, description, method: method ?? "GET", route })),
      active: [...this.active],
    };
  }

  /** The answer with every active case for this route applied. */
  apply(method: string, route: string, answer: VariedAnswer): VariedAnswer {
    let out = answer;
    for (const name of this.active) {
      const c = this.cases.find((v) => v.name === name)!;
      if ((c.method ?? "GET") === method && c.route === route && out.status < 300) out = c.apply(out);
    }
    return out;
  }
}

/**
 * `ROSTER_SANDBOX_VARIANCE`: a comma list of case names, each optionally prefixed with its
 * provider (`openai:invite-no-projects`), or `all`. Returns the names for one provider.
 */
export function varianceFor(provider: ProviderId, raw: string | undefined, available: readonly string[]): string[] {
  const entries = (raw ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (entries.includes("all")) return [...available];
  return entries
    .map((entry) => (entry.includes(":") ? entry.split(":", 2) : [provider, entry]))
    .filter(([p, name]) => p === provider && available.includes(name))
    .map(([, name]) => name);
}

// ---- helpers for cases ------------------------------------------------------------

/** A list answer with each item passed through `change` (items copied, never changed in place). */
export function mapListItems(
  answer: VariedAnswer,
  key: string,
  change: (item: Record<string, unknown>, index: number) => Record<string, unknown> | null,
): VariedAnswer {
  const body = answer.body as Record<string, unknown> | undefined;
  const items = body?.[key];
  if (!Array.isArray(items)) return answer;
  const changed = items.map((item, i) => change({ ...(item as Record<string, unknown>) }, i)).filter((item) => item !== null);
  return { ...answer, body: { ...body, [key]: changed } };
}

/** Every n-th item (0, n, 2n…), so a case touches some items, not all. */
export const everyNth = (n: number) => (index: number) => index % n === 0;

/** Without the named keys. */
export function without(item: Record<string, unknown>, ...keys: string[]): Record<string, unknown> {
  const out = { ...item };
  for (const key of keys) delete out[key];
  return out;
}

/** A refusal as the provider words it, in place of the answer. */
export function refusedWith(status: number, body: unknown): (answer: VariedAnswer) => VariedAnswer {
  return () => ({ status, body });
}
