import type { ProviderId } from "@/lib/providers/types";
import { ProviderDot } from "@/components/providers/provider-dot";
import { providerLabel } from "@/components/providers/provider-meta";
import { cn } from "@/components/ui/cn";

/** The header of an email × provider grid (the invite preview, a request's results). */
export function EmailProviderHead({ providers, className }: { providers: ProviderId[]; className?: string }) {
  return (
    <thead className={cn("bg-subtle text-muted-foreground", className)}>
      <tr>
        <th scope="col" className="px-3 py-1.5 text-left font-medium">
          Email
        </th>
        {providers.map((provider) => (
          <th key={provider} scope="col" className="px-3 py-1.5 text-left font-medium whitespace-nowrap">
            <span className="inline-flex items-center gap-1.5">
              <ProviderDot provider={provider} />
              {providerLabel(provider)}
            </span>
          </th>
        ))}
      </tr>
    </thead>
  );
}
