import { ShieldCheck } from "lucide-react";
import type { Membership } from "@/lib/directory/types";
import { cn } from "@/components/ui/cn";
import { providerMeta } from "@/components/providers/provider-meta";
import { roleLabel } from "@/lib/providers/role-label";
import { workspaceRoleSummary } from "./person-summary";

/**
 * One membership: its provider (the role is in the Roles column, and in the title here).
 * Pending invites are dashed and say "invited"; members managed by SCIM or an identity
 * provider carry a shield marker.
 */
export function MembershipBadge({ membership }: { membership: Membership }) {
  const meta = providerMeta(membership.provider);
  const invited = membership.status === "invited";
  const workspaces = workspaceRoleSummary(membership);
  const workspaceCount = membership.scopedRoles?.filter((s) => s.scope !== "organization").length ?? 0;
  const role = membership.roleUnknown ? "role unknown" : roleLabel(membership.role);
  const title = [
    `${meta.label}: ${role}${invited ? " (invite pending)" : ""}`,
    membership.roleUnknown ?? null,
    membership.managed ? "Managed by SCIM / identity provider: changes made here may be undone by it." : null,
    workspaces ? `${workspaceCount ? "Workspace roles" : "Roles through teams"}:\n${workspaces}` : null,
  ]
    .filter(Boolean)
    .join("\n");

  return (
    <span
      title={title}
      data-provider={membership.provider}
      data-status={membership.status}
      className={cn(
        "inline-flex h-6 max-w-full min-w-0 items-center gap-1.5 rounded-md border px-1.5 text-xs whitespace-nowrap",
        invited ? "border-dashed border-border-strong bg-transparent text-muted-foreground" : meta.badge,
      )}
    >
      <span aria-hidden className={cn("size-1.5 shrink-0 rounded-full", meta.dot, invited && "opacity-60")} />
      <span className="shrink-0 font-medium">{meta.label}</span>
      <span className={cn("min-w-0 truncate opacity-75", membership.roleUnknown && "italic")}>{role}</span>
      {invited ? (
        <span className="rounded-sm bg-amber-100 px-1 text-[10px] font-medium tracking-wide text-amber-800 uppercase dark:bg-amber-400/15 dark:text-amber-300">
          invited
        </span>
      ) : null}
      {workspaceCount ? <span className="shrink-0 opacity-60">+{workspaceCount} ws</span> : null}
      {membership.managed ? (
        <>
          <ShieldCheck aria-hidden className="size-3.5 shrink-0 opacity-70" />
          <span className="sr-only">(managed by identity provider)</span>
        </>
      ) : null}
    </span>
  );
}
