import { z } from "zod";

/**
 * Faults a test can inject into a sandbox through `POST /__sandbox/faults`.
 * A fault matches by method and route (the route pattern such as
 * `/organization/users`, or `*` for every route) and applies `times` times
 * (forever when omitted).
 */
export const faultSchema = z
  .object({
    method: z.enum(["GET", "POST", "PATCH", "PUT", "DELETE"]).optional(),
    route: z.string().min(1).default("*"),
    latencyMs: z.number().int().min(0).max(120_000).optional(),
    status: z.number().int().min(400).max(599).optional(),
    message: z.string().max(500).optional(),
    retryAfter: z.number().int().min(0).max(3600).optional(),
    hang: z.boolean().optional(),
    malformed: z.boolean().optional(),
    /** The error message repeats the bearer token the request carried, as some providers' 401s do. */
    echoKey: z.boolean().optional(),
    times: z.number().int().min(1).optional(),
  })
  .strict();

export type Fault = z.infer<typeof faultSchema>;
export type FaultInput = z.input<typeof faultSchema>;

export class FaultBook {
  private faults: Array<Fault & { id: number; used: number }> = [];
  private nextId = 1;

  add(fault: Fault) {
    this.faults.push({ ...fault, id: this.nextId++, used: 0 });
    return this.list();
  }

  clear() {
    this.faults = [];
  }

  list() {
    return this.faults.map((f) => ({ ...f }));
  }

  /** The first fault that applies to this request, counted as used. */
  take(method: string, route: string): Fault | null {
    const fault = this.faults.find((f) => (!f.method || f.method === method) && (f.route === "*" || f.route === route));
    if (!fault) return null;
    fault.used++;
    if (fault.times !== undefined && fault.used >= fault.times) {
      this.faults = this.faults.filter((f) => f !== fault);
    }
    return fault;
  }
}
