/**
 * What one read of a provider found that the published schema did not promise
 * (deviations) and which parts it could not read (missing parts). Adapters write to it
 * while reading; the directory keeps it with the snapshot and Connections shows it.
 *
 * Plain objects and closures only (no class, no `instanceof`): a report may be created
 * in one of Next's server layers and read in another, where module identity differs.
 */

/** One kind of deviation on one provider, e.g. `invite.projects missing` or `user.role unknown`. */
export interface Deviation {
  /** Stable key: `<item>.<field> <what>` (`invite.projects missing`, `user.role unknown`). */
  kind: string;
  count: number;
  /** One example, as the provider sent it (an unknown value, an item id); never a secret. */
  example: string;
}

/** A part of the provider Roster could not read, while the rest was listed. */
export interface MissingPart {
  /** What is missing, for people: `invites`, `workspace Data Science (cl…)`, `role bindings`. */
  part: string;
  /** Why, in the provider's words where it gave some. */
  reason: string;
  status: number | null;
  /** The provider permission or role that would allow the read, when the provider names it. */
  permission?: string;
}

export interface ReadReportData {
  deviations: Deviation[];
  missing: MissingPart[];
  /** Items dropped because they could not be kept at all (no id). */
  dropped: number;
}

export interface ReadReport {
  deviation(kind: string, example: string): void;
  missingPart(part: MissingPart): void;
  dropped(kind: string, example: string): void;
  data(): ReadReportData;
}

export function createReadReport(): ReadReport {
  const deviations = new Map<string, Deviation>();
  const missing: MissingPart[] = [];
  let dropped = 0;
  const note = (kind: string, example: string) => {
    const seen = deviations.get(kind);
    if (seen) seen.count += 1;
    else deviations.set(kind, { kind, count: 1, example: example.slice(0, 200) });
  };
  return {
    deviation: note,
    missingPart(part) {
      if (!missing.some((m) => m.part === part.part)) missing.push(part);
    },
    dropped(kind, example) {
      dropped += 1;
      note(`${kind} dropped (no id)`, example);
    },
    data: () => ({ deviations: [...deviations.values()], missing: [...missing], dropped }),
  };
}

export function emptyReadReport(): ReadReportData {
  return { deviations: [], missing: [], dropped: 0 };
}
