import { FlaskConical } from "lucide-react";
import type { ProviderMode } from "@/lib/providers/descriptor";
import { Badge } from "@/components/ui/badge";

/** "Sandbox" wherever a sandboxed provider appears, so demo data is never mistaken for a real org. */
export function SandboxBadge({ className }: { className?: string }) {
  return (
    <Badge tone="warning" className={className} title="Served from Roster's local sandbox: demo data, not a real organization">
      <FlaskConical aria-hidden />
      Sandbox
    </Badge>
  );
}

export function ModeBadge({ mode }: { mode: ProviderMode }) {
  if (mode === "sandbox") return <SandboxBadge />;
  if (mode === "live") {
    return (
      <Badge tone="success">
        <span aria-hidden className="size-1.5 rounded-full bg-current" />
        Live
      </Badge>
    );
  }
  return <Badge tone="outline">Not configured</Badge>;
}
