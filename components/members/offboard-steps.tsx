import { Check, ShieldAlert, X } from "lucide-react";
import type { OffboardStep, PersonDetailResponse } from "@/lib/changes/types";
import type { ProviderId } from "@/lib/providers/types";
import { cn } from "@/components/ui/cn";
import { ProviderDot } from "@/components/providers/provider-dot";
import { providerLabel } from "@/components/providers/provider-meta";
import { MANAGED_WARNING } from "./change-dialog-parts";
import { httpStatusSuffix } from "@/components/common/format";
import { roleLabel } from "@/lib/providers/role-label";

type PersonMembership = PersonDetailResponse["memberships"][number];

/** The group and team memberships behind a membership's grants, each with what it grants there. */
function throughGroups(membership: PersonMembership): Array<{ key: string; text: string }> {
  const groups = new Map<string, { kind: string; name: string; grants: string[] }>();
  for (const grant of membership.scopedRoles ?? []) {
    if (!grant.via) continue;
    const entry = groups.get(grant.via.id) ?? { kind: grant.via.kind, name: grant.via.name, grants: [] };
    entry.grants.push(grant.scope === "organization" ? roleLabel(grant.role) : `${roleLabel(grant.role)} in ${grant.scopeName}`);
    groups.set(grant.via.id, entry);
  }
  return [...groups].map(([id, g]) => ({
    key: id,
    text: `Also through ${g.kind} "${g.name}" (${g.grants.join(", ")}): that membership ends with this removal`,
  }));
}

/** The steps "Remove everywhere" will take, one per membership or pending invite, naming the group and team memberships that go with each. */
export function OffboardPreview({ person }: { person: PersonDetailResponse }) {
  return (
    <ol aria-label="Steps" className="divide-y divide-border overflow-hidden rounded-lg border border-border">
      {person.memberships.map((membership) => (
        <li key={`${membership.provider}:${membership.id}`} className="flex flex-wrap items-center gap-x-2.5 gap-y-1 px-3 py-2">
          <ProviderDot provider={membership.provider} />
          <span className="min-w-0 flex-1">
            {membership.status === "invited"
              ? `Revoke pending invite on ${providerLabel(membership.provider)}`
              : `Remove from ${providerLabel(membership.provider)} (${roleLabel(membership.role)})`}
          </span>
          {membership.managed ? (
            <span title={MANAGED_WARNING} className="inline-flex items-center gap-1 text-xs text-amber-700 dark:text-amber-300">
              <ShieldAlert aria-hidden className="size-3.5" />
              Managed
            </span>
          ) : null}
          {membership.status !== "invited" && throughGroups(membership).length > 0 ? (
            <ul
              aria-label={`Group and team memberships on ${providerLabel(membership.provider)}`}
              className="w-full space-y-0.5 pl-4 text-xs text-muted-foreground"
            >
              {throughGroups(membership).map((line) => (
                <li key={line.key}>{line.text}</li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

function stepText(step: OffboardStep): string {
  const provider = providerLabel(step.provider);
  if (!step.ok) {
    const status = httpStatusSuffix(step.error?.status);
    return `${step.error?.message ?? "Failed"}${status}`;
  }
  return step.action === "revoke_invite" ? `Revoked pending invite on ${provider}` : `Removed from ${provider}`;
}

/** ✓ / ✗ per step, with the provider's own message for the failures. */
export function OffboardResults({ steps, retrying }: { steps: readonly OffboardStep[]; retrying: ReadonlySet<ProviderId> }) {
  return (
    <ol aria-label="Results" className="divide-y divide-border overflow-hidden rounded-lg border border-border">
      {steps.map((step) => {
        const running = retrying.has(step.provider);
        return (
          <li
            key={`${step.provider}:${step.action}:${step.targetId}`}
            data-outcome={running ? "pending" : step.ok ? "ok" : "failed"}
            className="flex items-start gap-2.5 px-3 py-2"
          >
            <span className="mt-0.5 shrink-0">
              {step.ok ? (
                <Check aria-label="Done" className="size-4 text-emerald-600 dark:text-emerald-400" />
              ) : (
                <X aria-label="Failed" className={cn("size-4 text-danger-text", running && "opacity-40")} />
              )}
            </span>
            <div className="min-w-0 flex-1">
              <div className="flex items-center gap-1.5 font-medium">
                <ProviderDot provider={step.provider} className="size-1.5" />
                {providerLabel(step.provider)}
                {running ? <span className="text-xs font-normal text-muted-foreground">Retrying…</span> : null}
              </div>
              <p className={cn("text-xs break-words", step.ok ? "text-muted-foreground" : "text-danger-text")}>
                {stepText(step)}
                {step.warnings.length > 0 ? ` · ${step.warnings.join(" ")}` : null}
              </p>
            </div>
          </li>
        );
      })}
    </ol>
  );
}

/** The steps after a retry: the retried providers' steps replaced in place, the rest kept. */
export function mergeSteps(previous: readonly OffboardStep[], next: readonly OffboardStep[]): OffboardStep[] {
  const retried = new Set(next.map((step) => step.provider));
  const merged: OffboardStep[] = [];
  const placed = new Set<ProviderId>();
  for (const step of previous) {
    if (!retried.has(step.provider)) merged.push(step);
    else if (!placed.has(step.provider)) {
      placed.add(step.provider);
      merged.push(...next.filter((n) => n.provider === step.provider));
    }
  }
  merged.push(...next.filter((step) => !placed.has(step.provider)));
  return merged;
}
